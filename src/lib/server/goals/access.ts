/**
 * Transitional: the goals capability's old name for the access module's participant check. Removed as
 * the callers move to `requireParticipantAccess` (issue 16).
 */
import { isUuid } from '$lib/domain/ids';
import type { Actor } from '$lib/domain/policy';
import { findParticipantScope, type ParticipantScope } from '../access';
import type { Db, Tx } from '../db/client';

export type { ParticipantScope };
export { isUuid };

/** The participant's scope for this actor, or null when the actor may not see their goals. */
export function participantScope(
	actor: Actor,
	participantId: string,
	db: Db | Tx
): Promise<ParticipantScope | null> {
	return findParticipantScope(db, actor, participantId, 'read');
}
