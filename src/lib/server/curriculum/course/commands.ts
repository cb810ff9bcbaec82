/**
 * A participant's work in the course, written: their answer to a step (as they type, or on "next"),
 * which is in the access log, and the step marked done when they finish it.
 */
import { sql } from 'drizzle-orm';
import { neighbours } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { exerciseAnswer, stepProgress } from '../../db/schema';
import { forgetOverview } from '../../goals/overview-cache';
import { NotFound } from '../../errors';
import { stepContent, readableStepScope } from './readable';

export const MAX_ANSWER_LENGTH = 4000;

/**
 * Saves a participant's answer (as they type, or on "next"), and marks the step done when `finish`.
 * Returns the next step's key (null after the last); NotFound when the step is not readable for them.
 */
export async function saveStep(
	db: Db,
	actor: Actor,
	input: { moduleNumber: number; key: string; answer?: string; finish: boolean }
): Promise<{ next: string | null }> {
	const scope = await readableStepScope(actor, input.moduleNumber, input.key, db);
	if (!scope) throw new NotFound('step');
	const step = await stepContent(db, scope, input.moduleNumber, input.key, 'nl');
	// Only steps that ask something keep an answer.
	const answer = step?.question ? input.answer?.slice(0, MAX_ANSWER_LENGTH) : undefined;
	await db.transaction(async (tx) => {
		if (answer !== undefined) {
			await tx
				.insert(exerciseAnswer)
				.values({ personId: actor.personId, moduleNumber: input.moduleNumber, stepKey: input.key, answer })
				.onConflictDoUpdate({
					target: [exerciseAnswer.personId, exerciseAnswer.moduleNumber, exerciseAnswer.stepKey],
					set: {
						answer,
						updatedAt: new Date(),
						// A trainer's paper answer becomes the participant's own once they change it.
						enteredByPersonId: sql`case when ${exerciseAnswer.answer} = excluded.answer
							then ${exerciseAnswer.enteredByPersonId} end`
					}
				});
			await record(tx, {
				eventType: 'curriculum.answer_save',
				action: 'U',
				actor,
				participantId: actor.personId,
				object: { type: 'step', id: `${input.moduleNumber}/${input.key}` }
			});
		}
		if (input.finish)
			await tx
				.insert(stepProgress)
				.values({
					personId: actor.personId,
					moduleNumber: input.moduleNumber,
					stepKey: input.key,
					doneAt: new Date()
				})
				.onConflictDoUpdate({
					target: [stepProgress.personId, stepProgress.moduleNumber, stepProgress.stepKey],
					set: { doneAt: sql`coalesce(${stepProgress.doneAt}, now())` }
				});
	});
	// After the commit: forgotten before it, a read in between could cache the old progress again.
	forgetOverview(actor.personId);
	return { next: neighbours(scope.stepKeys, input.key).next };
}
