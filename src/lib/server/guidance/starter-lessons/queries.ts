/**
 * Which starter lessons a participant finished, and whether the overview should offer them. Marking
 * a lesson done is in ./commands.ts.
 */
import { eq } from 'drizzle-orm';
import { offerStarterLessons } from '$lib/domain/starter-lessons';
import type { Db } from '../../db/client';
import { digitalIntake, starterLessonDone } from '../../db/schema';

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
