import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canSeeParticipantData, canWriteForParticipant, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupMember, groupTrainer, person } from '../db/schema';
import { NotFound } from '../errors';
import type { GroupSummary } from '../groups/queries';
import { isParticipant } from './roles';
import { recordRefusal } from './refusal';

/** A participant the actor may reach, with the group they are in now. */
export interface ParticipantScope {
	participantId: string;
	participantName: string;
	organisationId: string;
	group: GroupSummary | null;
	/** The actor is staff acting for the participant (shown as "added by trainer X", logged). */
	byStaff: boolean;
}

/**
 * The participant's scope when the policy lets the actor `read` or `write` their own data (one query);
 * null otherwise, without logging. Use requireParticipantAccess where a refusal is a refusal.
 */
export async function findParticipantScope(
	db: Db | Tx,
	actor: Actor,
	participantId: string,
	mode: 'read' | 'write'
): Promise<ParticipantScope | null> {
	if (!actor.organisationId || !isUuid(participantId)) return null;
	const [row] = await db
		.select({
			name: person.displayName,
			groupId: courseGroup.id,
			groupName: courseGroup.name,
			location: courseGroup.location,
			weekday: courseGroup.weekday,
			startTime: courseGroup.startTime,
			startDate: courseGroup.startDate,
			endDate: courseGroup.endDate,
			trainerId: groupTrainer.personId
		})
		.from(person)
		.leftJoin(groupMember, and(eq(groupMember.personId, person.id), isNull(groupMember.leftAt)))
		.leftJoin(courseGroup, eq(courseGroup.id, groupMember.groupId))
		.leftJoin(
			groupTrainer,
			and(eq(groupTrainer.groupId, courseGroup.id), eq(groupTrainer.personId, actor.personId))
		)
		.where(
			and(
				eq(person.id, participantId),
				eq(person.role, 'participant'),
				eq(person.organisationId, actor.organisationId)
			)
		)
		// The group the actor trains first, then the one the participant joined first.
		.orderBy(desc(sql`${groupTrainer.personId} is not null`), courseGroup.startDate)
		.limit(1);
	if (!row) return null;
	const context = {
		participantId,
		organisationId: actor.organisationId,
		actorTrainsParticipant: row.trainerId !== null,
		sharedWithActor: false
	};
	const allowed =
		mode === 'read' ? canSeeParticipantData(actor, context) : canWriteForParticipant(actor, context);
	if (!allowed) return null;
	return {
		participantId,
		participantName: row.name,
		organisationId: actor.organisationId,
		group: row.groupId
			? {
					id: row.groupId,
					name: row.groupName!,
					location: row.location!,
					weekday: row.weekday!,
					startTime: row.startTime!,
					startDate: row.startDate!,
					endDate: row.endDate
				}
			: null,
		byStaff: !isParticipant(actor)
	};
}

/**
 * The participant's scope when the actor may `read` or `write` their data; otherwise NotFound (404:
 * someone of another organisation or group looks like no one) with the refusal in the access log.
 * Call it first in a capability, before its transaction.
 */
export async function requireParticipantAccess(
	db: Db | Tx,
	actor: Actor,
	participantId: string,
	mode: 'read' | 'write'
): Promise<ParticipantScope> {
	const scope = await findParticipantScope(db, actor, participantId, mode);
	if (scope) return scope;
	await recordRefusal(db, actor, { type: 'participant', id: participantId }, mode === 'read' ? 'R' : 'U');
	throw new NotFound('participant');
}
