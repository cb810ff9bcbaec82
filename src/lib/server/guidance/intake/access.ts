/** Who may do the digital-readiness intake: a trainer of the group the participant is in now. */
import type { Actor } from '$lib/domain/policy';
import { isTrainer, recordRefusal, requireParticipantInGroup } from '../../access';
import type { Db } from '../../db/client';
import { NotFound } from '../../errors';

/**
 * Whether this trainer may do the intake with this participant of this group (nothing is read):
 * NotFound (logged) otherwise. Only a trainer of the group the participant is in now may.
 */
export async function requireIntakeAccess(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	mode: 'read' | 'write' = 'write'
): Promise<{ participantName: string }> {
	// The participant may write their own data elsewhere, but the intake is done with a trainer.
	if (!isTrainer(actor)) {
		await recordRefusal(
			db,
			actor,
			{ type: 'digital_intake', id: participantId },
			mode === 'read' ? 'R' : 'U'
		);
		throw new NotFound('digital_intake');
	}
	return requireParticipantInGroup(db, actor, groupId, participantId, mode);
}
