/** Which starter lessons a participant finished, and whether the overview should offer them. */
import { eq } from 'drizzle-orm';
import { offerStarterLessons, starterLesson } from '$lib/domain/starter-lessons';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { digitalIntake, starterLessonDone } from '../db/schema';
import { forgetOverview } from '../goals/overview-cache';
import { currentDb } from '../runtime';

export async function lessonsDone(db: Db, personId: string): Promise<string[]> {
	const rows = await db
		.select({ lesson: starterLessonDone.lesson })
		.from(starterLessonDone)
		.where(eq(starterLessonDone.personId, personId));
	return rows.map((row) => row.lesson);
}

/** Whether to offer the starter lessons on the participant's overview. */
export async function starterLessonsOffered(db: Db, personId: string): Promise<boolean> {
	const [[intake], done] = await Promise.all([
		db.select({ path: digitalIntake.path }).from(digitalIntake).where(eq(digitalIntake.personId, personId)),
		lessonsDone(db, personId)
	]);
	return offerStarterLessons(intake?.path ?? null, done);
}

/** Marks a lesson done for the participant (their own; nothing else to check). */
export async function finishLesson(actor: Actor, key: string, db: Db = currentDb()): Promise<boolean> {
	if (actor.role !== 'participant' || !starterLesson(key)) return false;
	await db.insert(starterLessonDone).values({ personId: actor.personId, lesson: key }).onConflictDoNothing();
	forgetOverview(actor.personId);
	return true;
}
