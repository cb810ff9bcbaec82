/** Which starter lessons a participant finished, and whether the overview should offer them. */
import { eq } from 'drizzle-orm';
import { offerStarterLessons, starterLesson } from '$lib/domain/starter-lessons';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { digitalIntake, starterLessonDone } from '../db/schema';
import { NotFound } from '../errors';
import { isParticipant } from '../access';
import { forgetOverview } from '../goals/overview-cache';

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

/**
 * Marks a lesson done for the participant (their own; nothing else to check). NotFound for a lesson
 * that does not exist (its key comes from the URL), or for anyone but a participant.
 */
export async function finishLesson(db: Db, actor: Actor, key: string): Promise<void> {
	if (!isParticipant(actor) || !starterLesson(key)) throw new NotFound('starter_lesson');
	await db.insert(starterLessonDone).values({ personId: actor.personId, lesson: key }).onConflictDoNothing();
	// The database tells every instance too (starter_lesson_done → NOTIFY); the very next overview,
	// on this instance, must not wait for it.
	forgetOverview(actor.personId);
}
