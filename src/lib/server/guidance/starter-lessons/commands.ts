/** A starter lesson marked done, by the participant who finished it. */
import { starterLesson } from '$lib/domain/starter-lessons';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../../db/client';
import { starterLessonDone } from '../../db/schema';
import { NotFound } from '../../errors';
import { isParticipant } from '../../access';
import { forgetOverview } from '../../goals/overview-cache';

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
