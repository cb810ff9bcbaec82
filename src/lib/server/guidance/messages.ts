/**
 * Messages between a participant and the trainers of their group. A participant writes only in their
 * own thread, to their own group's trainers; a trainer reads and writes only threads of participants
 * in groups they train. Notifications (email) never carry the message: only that there is one.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import { trainedGroup } from '../curriculum/tailoring';
import type { Db, Tx } from '../db/client';
import { groupMember, groupTrainer, message, messageRead, person } from '../db/schema';
import { participantScope } from '../goals/access';
import { forgetOverview } from '../goals/overview-cache';
import { freeText } from '../input';
import { claimFormKey } from '../idempotency';
import { queueMails } from '../mail/queue';
import { currentDb } from '../runtime';

export const MESSAGE_MAX = 2000;

/** The message form: one free text. */
export const messageInput = z.object({ bericht: freeText(MESSAGE_MAX, { required: 'message_required' }) });

export interface ThreadMessage {
	id: string;
	body: string;
	createdAt: Date;
	/** Null when the participant wrote it. */
	trainerName: string | null;
	mine: boolean;
}

/**
 * The thread of a participant, oldest first, as `actor` may see it; marks it read for them. With
 * `inGroup` (a group id from the URL), null unless that is the participant's group: checked before
 * anything is read or logged.
 */
export async function thread(
	actor: Actor,
	participantId: string,
	db: Db = currentDb(),
	options: { inGroup?: string } = {}
) {
	const scope = await participantScope(actor, participantId, db);
	if (!scope?.group) return null;
	if (options.inGroup !== undefined && scope.group.id !== options.inGroup) return null;
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
 * Writes a message in a participant's thread (by the participant or a trainer of their group).
 * With `inGroup` (a group id from the URL), null unless that is the participant's group. With the
 * form's idempotency key, a resend of the same post returns the first message's id and adds nothing.
 */
export async function sendMessage(
	actor: Actor,
	participantId: string,
	body: string,
	db: Db = currentDb(),
	options: { notify?: boolean; inGroup?: string; key?: string | null } = {}
): Promise<string | null> {
	const text = body.replace(/\r\n?/g, '\n').trim().slice(0, MESSAGE_MAX);
	if (!text) return null;
	const scope = await participantScope(actor, participantId, db);
	if (!scope?.group) return null;
	if (options.inGroup !== undefined && scope.group.id !== options.inGroup) return null;
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

/** The group's threads for its trainer: per current participant, unread (for this trainer) and last message. */
export async function groupThreads(actor: Actor, groupId: string, db: Db = currentDb()) {
	const group = await trainedGroup(actor, groupId, db);
	if (!group) return null;
	const members = await db
		.select({ id: person.id, displayName: person.displayName })
		.from(groupMember)
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(groupMember.groupId, group.id), isNull(groupMember.leftAt)))
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
