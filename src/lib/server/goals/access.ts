/**
 * Whose goals an actor may touch: participants their own; trainers the current members of the groups
 * they train, in their own organisation. Every staff read or write is logged by the caller.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupMember, groupTrainer, person } from '../db/schema';
import type { GroupSummary } from '../groups/queries';

export interface ParticipantScope {
	participantId: string;
	participantName: string;
	organisationId: string;
	group: GroupSummary | null;
	/** The actor is staff acting for the participant (shown as "added by trainer X", logged). */
	byStaff: boolean;
}

export { isUuid };

/** The participant's scope for this actor, or null when the actor may not see their goals. */
export async function participantScope(
	actor: Actor,
	participantId: string,
	db: Db | Tx
): Promise<ParticipantScope | null> {
	if (!actor.organisationId || !isUuid(participantId)) return null;
	if (actor.role === 'participant' && actor.personId !== participantId) return null;
	if (actor.role !== 'participant' && actor.role !== 'trainer') return null;
	const rows = await db
		.select({
			name: person.displayName,
			groupId: courseGroup.id,
			groupName: courseGroup.name,
			location: courseGroup.location,
			weekday: courseGroup.weekday,
			startTime: courseGroup.startTime,
			startDate: courseGroup.startDate,
			endDate: courseGroup.endDate
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
				eq(person.organisationId, actor.organisationId),
				actor.role === 'trainer' ? eq(groupTrainer.personId, actor.personId) : undefined
			)
		)
		.orderBy(courseGroup.startDate)
		.limit(1);
	const row = rows[0];
	if (!row) return null;
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
		byStaff: actor.role !== 'participant'
	};
}
