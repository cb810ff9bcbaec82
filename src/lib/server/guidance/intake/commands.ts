/**
 * The digital-readiness intake, filled in by the trainer with the participant, written. Only trainers
 * of the participant's group write it; every write is in the access log.
 */
import { suggestPath, type IntakeAnswers, type IntakePath } from '$lib/domain/intake';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { digitalIntake } from '../../db/schema';
import { requireIntakeAccess } from './access';

/** Saves the answers and returns the suggested path; NotFound (logged) when not allowed. */
export async function saveIntake(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	answers: IntakeAnswers
): Promise<IntakePath> {
	await requireIntakeAccess(db, actor, groupId, participantId);
	return db.transaction(async (tx) => {
		const path = suggestPath(answers);
		const values = { ...answers, path, doneByPersonId: actor.personId };
		await tx
			.insert(digitalIntake)
			.values({ personId: participantId, ...values })
			.onConflictDoUpdate({ target: digitalIntake.personId, set: { ...values, updatedAt: new Date() } });
		await record(tx, {
			eventType: 'intake.update',
			action: 'U',
			actor,
			participantId,
			onBehalfOfPersonId: participantId,
			object: { type: 'digital_intake', id: participantId }
		});
		return path;
	});
}
