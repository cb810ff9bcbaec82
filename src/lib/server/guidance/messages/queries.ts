/**
 * Messages between a participant and the trainers of their group, as they are read: a participant
 * reads their own thread, a trainer the threads of participants in groups they train (logged).
 * Reading a thread marks it read. The writes are in ./commands.ts.
 */
import { and, asc, count, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import {
	requireGroupTrainer,
	requireParticipantAccess,
	requireParticipantInGroup,
	type GroupParticipantScope
} from '../../access';
import type { Db } from '../../db/client';
import { groupMember, message, messageRead, person } from '../../db/schema';
import { forgetOverview } from '../../goals/overview-cache';

export interface ThreadMessage {
	id: string;
	body: string;
	createdAt: Date;
	/** Null when the participant wrote it. */
	trainerName: string | null;
	/** The trainer who wrote it is a peer expert (shown beside their name). */
	trainerIsPeerExpert: boolean;
	mine: boolean;
}

/**
 * The thread of a participant, oldest first, as `actor` may see it (their own, or as a trainer of
 * their group); marks it read for them. Null for a participant in no group (no one to write with).
 * NotFound (logged) when the actor may not read it.
 */
export async function thread(db: Db, actor: Actor, participantId: string) {
	const scope = await requireParticipantAccess(db, actor, participantId, 'read');
	return scope.group ? readThread(db, actor, { ...scope, group: scope.group }) : null;
}

/**
 * A participant's thread under the trainer's group named in the URL: NotFound (logged) unless that is
 * the group the participant is in now and the actor trains it, checked before anything is read.
 */
export async function groupThread(db: Db, actor: Actor, groupId: string, participantId: string) {
	return readThread(db, actor, await requireParticipantInGroup(db, actor, groupId, participantId, 'read'));
}

async function readThread(db: Db, actor: Actor, scope: GroupParticipantScope) {
	const { participantId } = scope;
	const rows = await db
		.select({
			id: message.id,
			body: message.body,
			createdAt: message.createdAt,
			authorPersonId: message.authorPersonId,
			authorName: person.displayName,
			authorIsPeerExpert: person.isPeerExpert
		})
		.from(message)
		.leftJoin(person, eq(person.id, message.authorPersonId))
		.where(eq(message.personId, participantId))
		.orderBy(asc(message.createdAt));
	await db
		.insert(messageRead)
		.values({ readerPersonId: actor.personId, personId: participantId })
		.onConflictDoUpdate({
			target: [messageRead.readerPersonId, messageRead.personId],
			set: { readAt: new Date() }
		});
	if (scope.byStaff)
		await record(db, {
			eventType: 'message.read',
			action: 'R',
			actor,
			participantId,
			object: { type: 'message_thread', id: participantId }
		});
	// The database tells every instance too (message_read → NOTIFY); this instance's next overview,
	// often the very next request, must not wait for it to show the messages read.
	forgetOverview(participantId);
	return {
		participant: { id: participantId, displayName: scope.participantName },
		group: scope.group,
		messages: rows.map((row): ThreadMessage => ({
			id: row.id,
			body: row.body,
			createdAt: row.createdAt,
			trainerName: row.authorPersonId && row.authorPersonId !== participantId ? row.authorName : null,
			trainerIsPeerExpert: Boolean(row.authorPersonId !== participantId && row.authorIsPeerExpert),
			mine: row.authorPersonId === actor.personId
		}))
	};
}

/** Unread messages for the participant: written by trainers after the participant last read. */
export async function unreadForParticipant(db: Db, participantId: string): Promise<number> {
	const [row] = await db
		.select({ unread: count() })
		.from(message)
		.leftJoin(
			messageRead,
			and(eq(messageRead.readerPersonId, participantId), eq(messageRead.personId, participantId))
		)
		.where(
			and(
				eq(message.personId, participantId),
				ne(message.authorPersonId, participantId),
				or(isNull(messageRead.readAt), gt(message.createdAt, messageRead.readAt))
			)
		);
	return row?.unread ?? 0;
}

/**
 * The group's threads for its trainer: per current participant, unread (for this trainer) and last
 * message. NotFound (logged) unless the actor trains the group.
 */
export async function groupThreads(db: Db, actor: Actor, groupId: string) {
	const group = await requireGroupTrainer(db, actor, groupId);
	const members = await db
		.select({ id: person.id, displayName: person.displayName })
		.from(groupMember)
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(groupMember.groupId, group.id), isNull(groupMember.leftAt), isNull(person.deactivatedAt)))
		.orderBy(asc(person.displayName));
	const ids = members.map((member) => member.id);
	const counts = ids.length
		? await db
				.select({
					personId: message.personId,
					total: count(),
					unread: sql<number>`count(*) filter (where ${message.authorPersonId} = ${message.personId}
						and (${messageRead.readAt} is null or ${message.createdAt} > ${messageRead.readAt}))::int`,
					last: sql<Date>`max(${message.createdAt})`
				})
				.from(message)
				.leftJoin(
					messageRead,
					and(eq(messageRead.readerPersonId, actor.personId), eq(messageRead.personId, message.personId))
				)
				.where(sql`${message.personId} = any(${sql.param(ids)}::uuid[])`)
				.groupBy(message.personId)
		: [];
	await record(
		db,
		...counts.map((row) => ({
			eventType: 'message.list' as const,
			action: 'R' as const,
			actor,
			participantId: row.personId,
			object: { type: 'message_thread', id: row.personId }
		}))
	);
	return {
		group: { id: group.id, name: group.name },
		threads: members.map((member) => {
			const found = counts.find((row) => row.personId === member.id);
			return { ...member, total: found?.total ?? 0, unread: found?.unread ?? 0, last: found?.last ?? null };
		})
	};
}
