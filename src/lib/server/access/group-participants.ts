import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { NotFound } from '../errors';
import { findParticipantScope, type ParticipantScope } from './participants';
import { recordRefusal } from './refusal';

/** A participant reached through one of the actor's groups: their scope, with that group. */
export type GroupParticipantScope = ParticipantScope & { group: NonNullable<ParticipantScope['group']> };

/**
 * The participant's scope when the policy lets the actor `read` or `write` their data AND the group
 * named in the request is the one the participant is in now (a trainer's pages under
 * /trainer/groepen/[groep]/…/[deelnemer]); otherwise NotFound, with the refusal in the access log
 * naming only the participant id that was asked for. One query: the access module's participant
 * scope, which already puts the group the actor trains first.
 */
export async function requireParticipantInGroup(
	db: Db | Tx,
	actor: Actor,
	groupId: string,
	participantId: string,
	mode: 'read' | 'write'
): Promise<GroupParticipantScope> {
	const scope = await findParticipantScope(db, actor, participantId, mode);
	if (scope?.group && scope.group.id === groupId) return scope as GroupParticipantScope;
	await recordRefusal(db, actor, { type: 'participant', id: participantId }, mode === 'read' ? 'R' : 'U');
	throw new NotFound('participant');
}
