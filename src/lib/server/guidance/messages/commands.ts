/**
 * Messages between a participant and the trainers of their group, written. A participant writes only
 * in their own thread, to their own group's trainers; a trainer only in threads of participants in
 * groups they train. Notifications (email) never carry the message: only that there is one.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import { requireParticipantAccess, requireParticipantInGroup } from '../../access';
import type { Db, Tx } from '../../db/client';
import { groupTrainer, message, messageRead, person } from '../../db/schema';
import { Invalid, NotFound } from '../../errors';
import { forgetOverview } from '../../goals/overview-cache';
import { claimFormKey } from '../../idempotency';
import { queueMails } from '../../mail/queue';
import { MESSAGE_MAX } from '../schema';

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
