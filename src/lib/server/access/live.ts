/**
 * Access to a group's live mode: its trainers run it from one of the group's sessions; its
 * participants (members now) take part. Everyone else finds nothing (NotFound, with a refusal row).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canTakePartInGroup, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupMember, groupSession } from '../db/schema';
import { NotFound } from '../errors';
import { requireGroupTrainer, type TrainedGroup } from './groups';
import { recordRefusal } from './refusal';

export interface TrainedSession {
	group: TrainedGroup;
	session: { id: string; date: string; moduleNumber: number | null };
}

/** One session of a group the actor trains, or NotFound (with its refusal row). */
export async function requireTrainedSession(
	db: Db | Tx,
	actor: Actor,
	groupId: string,
	sessionId: string
): Promise<TrainedSession> {
	const group = await requireGroupTrainer(db, actor, groupId);
	const [session] = isUuid(sessionId)
		? await db
				.select({ id: groupSession.id, date: groupSession.date, moduleNumber: groupSession.moduleNumber })
				.from(groupSession)
				.where(and(eq(groupSession.id, sessionId), eq(groupSession.groupId, group.id)))
		: [];
	if (!session) {
		await recordRefusal(db, actor, { type: 'session', id: sessionId });
		throw new NotFound('session');
	}
	return { group, session };
}

export interface MemberGroup {
	groupId: string;
	organisationId: string;
	name: string;
}

/** The group the participant is in now (one query), or null when in none; not logged. */
export async function findMemberGroup(db: Db | Tx, actor: Actor): Promise<MemberGroup | null> {
	if (!actor.organisationId) return null;
	const [row] = await db
		.select({ groupId: courseGroup.id, organisationId: courseGroup.organisationId, name: courseGroup.name })
		.from(groupMember)
		.innerJoin(courseGroup, eq(courseGroup.id, groupMember.groupId))
		.where(
			and(
				eq(groupMember.personId, actor.personId),
				isNull(groupMember.leftAt),
				eq(courseGroup.organisationId, actor.organisationId)
			)
		)
		.orderBy(courseGroup.startDate)
		.limit(1);
	if (!row || !canTakePartInGroup(actor, { organisationId: row.organisationId, actorIsMember: true }))
		return null;
	return row;
}

/** The participant's own group now, or NotFound (with a refusal row) for anyone in none. */
export async function requireMemberGroup(db: Db | Tx, actor: Actor): Promise<MemberGroup> {
	const group = await findMemberGroup(db, actor);
	if (group) return group;
	// What was asked for: the group of the one asking, who is in none.
	await recordRefusal(db, actor, { type: 'member_group', id: actor.personId });
	throw new NotFound('group');
}
