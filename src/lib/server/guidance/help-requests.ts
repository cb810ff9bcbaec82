/**
 * "Ik kom er niet uit": one tap from Help sends a request to the group's trainers, with the screen it
 * came from. One open request per participant (a second tap finds the first). Trainers of the group
 * see open requests and close them with a short note; every read and write is in the access log.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import { trainedGroup } from '../curriculum/tailoring';
import type { Db } from '../db/client';
import { helpRequest, person } from '../db/schema';
import { participantGroup } from '../groups/queries';
import { claimFormKey, releaseFormKey } from '../idempotency';
import { currentDb } from '../runtime';
import { isUuid } from '$lib/domain/ids';

export const CLOSE_NOTE_MAX = 300;

/** The screen a request came from: a path inside the app, nothing else (no query, no other site). */
export function screenPath(value: string | null | undefined): string {
	const path = (value ?? '').split(/[?#]/)[0] ?? '';
	return /^\/[A-Za-z0-9/_-]{0,200}$/.test(path) && !path.startsWith('//') ? path : '/';
}

/** The participant's open request, if any. */
export async function openRequestOf(actor: Actor, db: Db = currentDb()) {
	const [open] = await db
		.select({ id: helpRequest.id, createdAt: helpRequest.createdAt })
		.from(helpRequest)
		.where(and(eq(helpRequest.personId, actor.personId), isNull(helpRequest.closedAt)));
	return open ?? null;
}

/**
 * Sends (or finds) the participant's open request. Null when they are in no group. With the form's
 * idempotency key, a resend answers as the first did, also after a trainer closed the request.
 */
export async function askForHelp(
	actor: Actor,
	fromPath: string,
	db: Db = currentDb(),
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

/** A group's open help requests, oldest first, for its trainer; each participant shown is logged. */
export async function groupHelpRequests(actor: Actor, groupId: string, db: Db = currentDb()) {
	const group = await trainedGroup(actor, groupId, db);
	if (!group) return null;
	const open = await db
		.select({
			id: helpRequest.id,
			personId: helpRequest.personId,
			displayName: person.displayName,
			fromPath: helpRequest.fromPath,
			createdAt: helpRequest.createdAt
		})
		.from(helpRequest)
		.innerJoin(person, eq(person.id, helpRequest.personId))
		.where(and(eq(helpRequest.groupId, group.id), isNull(helpRequest.closedAt)))
		.orderBy(asc(helpRequest.createdAt));
	await record(
		db,
		...open.map((request) => ({
			eventType: 'help_request.read' as const,
			action: 'R' as const,
			actor,
			participantId: request.personId,
			object: { type: 'help_request', id: request.id }
		}))
	);
	return { group: { id: group.id, name: group.name }, open };
}

/** Closes an open request of the trainer's group with a short note. False when not theirs or not open. */
export async function closeHelpRequest(
	actor: Actor,
	groupId: string,
	requestId: string,
	note: string,
	db: Db = currentDb()
): Promise<boolean> {
	const group = await trainedGroup(actor, groupId, db);
	if (!group || !isUuid(requestId)) return false;
	return db.transaction(async (tx) => {
		const [closed] = await tx
			.update(helpRequest)
			.set({
				closedAt: new Date(),
				closedByPersonId: actor.personId,
				closeNote: note.slice(0, CLOSE_NOTE_MAX)
			})
			.where(
				and(eq(helpRequest.id, requestId), eq(helpRequest.groupId, group.id), isNull(helpRequest.closedAt))
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
