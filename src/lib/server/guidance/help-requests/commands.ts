/**
 * "Ik kom er niet uit": one tap from Help sends a request to the group's trainers, with the screen it
 * came from. One open request per participant (a second tap finds the first). Trainers of the group
 * close requests with a short note; every write is in the access log.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, exists, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { isUuid } from '$lib/domain/ids';
import { recordRefusal, requireGroupTrainer } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { groupMember, helpRequest } from '../../db/schema';
import { NotFound } from '../../errors';
import { participantGroup } from '../../groups/queries';
import { claimFormKey, releaseFormKey } from '../../idempotency';
import { CLOSE_NOTE_MAX } from '../schema';

/** The screen a request came from: a path inside the app, nothing else (no query, no other site). */
export function screenPath(value: string | null | undefined): string {
	const path = (value ?? '').split(/[?#]/)[0] ?? '';
	return /^\/[A-Za-z0-9/_-]{0,200}$/.test(path) && !path.startsWith('//') ? path : '/';
}

/**
 * Sends (or finds) the participant's open request. Null when they are in no group. With the form's
 * idempotency key, a resend answers as the first did, also after a trainer closed the request.
 */
export async function askForHelp(
	db: Db,
	actor: Actor,
	fromPath: string,
	key?: string | null
): Promise<{ id: string; created: boolean } | null> {
	const found = await participantGroup(db, actor);
	if (!found) return null;
	return db.transaction(async (tx) => {
		const id = randomUUID();
		const claim = { personId: actor.personId, action: 'help.ask', key };
		const first = await claimFormKey(tx, claim, { id, created: true });
		if (first) return first.result;
		const [created] = await tx
			.insert(helpRequest)
			.values({ id, personId: actor.personId, groupId: found.group.id, fromPath: screenPath(fromPath) })
			.onConflictDoNothing()
			.returning({ id: helpRequest.id });
		if (created) {
			await record(tx, {
				eventType: 'help_request.create',
				action: 'C',
				actor,
				participantId: actor.personId,
				object: { type: 'help_request', id: created.id }
			});
			return { id: created.id, created: true };
		}
		const [open] = await tx
			.select({ id: helpRequest.id })
			.from(helpRequest)
			.where(and(eq(helpRequest.personId, actor.personId), isNull(helpRequest.closedAt)));
		// Nothing was written: the key stays free.
		await releaseFormKey(tx, claim);
		return { id: open!.id, created: false };
	});
}

/**
 * Closes an open request of the trainer's group with a short note. NotFound (logged, naming only the
 * request asked for) unless the actor trains the group and the request is an open one of it.
 */
export async function closeHelpRequest(
	db: Db,
	actor: Actor,
	groupId: string,
	requestId: string,
	note: string
): Promise<void> {
	const group = await requireGroupTrainer(db, actor, groupId);
	const closed = isUuid(requestId) ? await closeOpenRequest(db, actor, group.id, requestId, note) : false;
	if (closed) return;
	// After the transaction: its rollback would take the failure row with it.
	await recordRefusal(db, actor, { type: 'help_request', id: requestId }, 'U');
	throw new NotFound('help_request');
}

async function closeOpenRequest(
	db: Db,
	actor: Actor,
	groupId: string,
	requestId: string,
	note: string
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [closed] = await tx
			.update(helpRequest)
			.set({
				closedAt: new Date(),
				closedByPersonId: actor.personId,
				closeNote: note.slice(0, CLOSE_NOTE_MAX)
			})
			.where(
				and(
					eq(helpRequest.id, requestId),
					eq(helpRequest.groupId, groupId),
					isNull(helpRequest.closedAt),
					exists(
						tx
							.select({ one: sql`1` })
							.from(groupMember)
							.where(
								and(
									eq(groupMember.personId, helpRequest.personId),
									eq(groupMember.groupId, groupId),
									isNull(groupMember.leftAt)
								)
							)
					)
				)
			)
			.returning({ id: helpRequest.id, personId: helpRequest.personId });
		if (!closed) return false;
		await record(tx, {
			eventType: 'help_request.close',
			action: 'U',
			actor,
			participantId: closed.personId,
			object: { type: 'help_request', id: closed.id }
		});
		return true;
	});
}
