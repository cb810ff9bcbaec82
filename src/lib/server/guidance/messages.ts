/**
 * Messages between a participant and the trainers of their group. A participant writes only in their
 * own thread, to their own group's trainers; a trainer reads and writes only threads of participants
 * in groups they train. Notifications (email) never carry the message: only that there is one.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import {
	requireGroupTrainer,
	requireParticipantAccess,
	requireParticipantInGroup,
	type GroupParticipantScope
} from '../access';
import type { Db, Tx } from '../db/client';
import { groupMember, groupTrainer, message, messageRead, person } from '../db/schema';
import { Invalid, NotFound } from '../errors';
import { forgetOverview } from '../goals/overview-cache';
import { claimFormKey } from '../idempotency';
import { queueMails } from '../mail/queue';
import { MESSAGE_MAX } from './schema';

export interface ThreadMessage {
	id: string;
	body: string;
	createdAt: Date;
	/** Null when the participant wrote it. */
	trainerName: string | null;
	mine: boolean;
}

/**
 * Who may reach this thread: the participant (their own), or a trainer of the group they are in now.
 * With `inGroup` (a group id from the URL), only when that is the participant's group. NotFound
 * (logged) otherwise, before anything is read; null scope group: a participant in no group.
 */
function requireThreadAccess(
	db: Db,
	actor: Actor,
	participantId: string,
	mode: 'read' | 'write',
	inGroup: string | undefined
) {
	return inGroup === undefined
		? requireParticipantAccess(db, actor, participantId, mode)
		: requireParticipantInGroup(db, actor, inGroup, participantId, mode);
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
			authorName: person.displayName
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
			mine: row.authorPersonId === actor.personId
		}))
	};
}

/**
 * Writes a message in a participant's thread (by the participant or a trainer of their group). With
 * the form's idempotency key, a resend of the same post returns the first message's id and adds
 * nothing. NotFound (logged) when the actor may not write there (see requireThreadAccess), and for a
 * participant in no group; Invalid for an empty message.
 */
export async function sendMessage(
	db: Db,
	actor: Actor,
	participantId: string,
	body: string,
	options: { notify?: boolean; inGroup?: string; key?: string | null } = {}
): Promise<string> {
	const text = body.replace(/\r\n?/g, '\n').trim().slice(0, MESSAGE_MAX);
	const scope = await requireThreadAccess(db, actor, participantId, 'write', options.inGroup);
	if (!scope.group) throw new NotFound('group');
	if (!text) throw new Invalid('body', 'message_required');
	const group = scope.group;
	let replay = false;
	const id = await db.transaction(async (tx) => {
		const messageId = randomUUID();
		const claim = { personId: actor.personId, action: 'message.send', key: options.key };
		const first = await claimFormKey(tx, claim, messageId);
		if (first) {
			replay = true;
			return first.result;
		}
		const [created] = await tx
			.insert(message)
			.values({
				id: messageId,
				personId: participantId,
				groupId: group.id,
				authorPersonId: actor.personId,
				body: text
			})
			.returning({ id: message.id });
		await tx
			.insert(messageRead)
			.values({ readerPersonId: actor.personId, personId: participantId })
			.onConflictDoUpdate({
				target: [messageRead.readerPersonId, messageRead.personId],
				set: { readAt: new Date() }
			});
		await record(tx, {
			eventType: 'message.create',
			action: 'C',
			actor,
			participantId,
			object: { type: 'message', id: created!.id }
		});
		// The mail is queued with the message: sent once if this commits, never if it rolls back.
		if (options.notify !== false) await queueMessageMails(tx, actor, created!.id, participantId, group.id);
		return created!.id;
	});
	if (replay) return id;
	forgetOverview(participantId);
	return id;
}

/**
 * Queues "you have a new message" for the other side — the participant, or the group's active
 * trainers — in the message's transaction; the mail worker sends it (mail/compose.ts).
 */
export async function queueMessageMails(
	tx: Tx,
	actor: Actor,
	messageId: string,
	participantId: string,
	groupId: string
): Promise<void> {
	// Written by the participant (in their own thread): to the trainers; else to the participant.
	const recipients =
		actor.personId === participantId
			? await tx
					.select({ personId: groupTrainer.personId })
					.from(groupTrainer)
					.innerJoin(person, eq(person.id, groupTrainer.personId))
					.where(and(eq(groupTrainer.groupId, groupId), isNull(person.deactivatedAt)))
			: [{ personId: participantId }];
	await queueMails(
		tx,
		recipients.map((recipient) => ({ kind: 'message', messageId, recipientPersonId: recipient.personId }))
	);
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
