import type { Actor } from '$lib/domain/policy';
import { record, type AuditAction } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { isUuid } from '$lib/domain/ids';
import { NotFound } from '../errors';

/**
 * Logs a refusal after the area check (NEN 7513 asks for failed attempts too): who tried which object.
 * It never names a participant, because the object may be another organisation's: the row says what
 * the actor asked for, nothing about what is there. Called before the command's transaction, so the
 * row stays when the request then fails.
 */
export async function recordRefusal(
	db: Db | Tx,
	actor: Actor,
	object: { type: string; id: string },
	action: AuditAction = 'R'
): Promise<void> {
	await record(db, {
		eventType: 'access.denied',
		action,
		outcome: 'failure',
		actor,
		// An id that is not an id was never looked up; keep the log free of whatever was sent.
		object: { type: object.type, id: isUuid(object.id) ? object.id : 'malformed' }
	});
}

/**
 * Runs a command whose object the request names (a session, an answer) and that finds out inside its
 * transaction that the object is not the group's: the NotFound it throws is logged as a refusal after
 * the transaction rolled back, then thrown on.
 */
export async function logRefusalOf<T>(
	db: Db,
	actor: Actor,
	object: { type: string; id: string },
	action: AuditAction,
	command: () => Promise<T>
): Promise<T> {
	try {
		return await command();
	} catch (thrown) {
		if (thrown instanceof NotFound) await recordRefusal(db, actor, object, action);
		throw thrown;
	}
}
