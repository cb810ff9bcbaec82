/** A person's own sessions: list them and end any of them (sign out elsewhere). */
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { isSessionLive, limitsFor, type SessionTimes } from '$lib/domain/session-policy';
import { recordRefusal } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { config } from '../config';
import { session } from '../db/schema';
import { NotFound } from '../errors';

export interface OwnSession {
	id: string;
	createdAt: Date;
	ipAddress: string | null;
	userAgent: string | null;
	current: boolean;
}

/**
 * The actor's sessions that still hold (neither past the absolute limit nor idle too long), newest
 * first; `currentId` marks this one.
 */
export async function listOwnSessions(
	db: Db,
	actor: Actor,
	currentId: string | null,
	times: SessionTimes = config().sessionTimes
): Promise<OwnSession[]> {
	const now = new Date();
	const rows = await db
		.select({
			id: session.id,
			createdAt: session.createdAt,
			lastSeenAt: session.lastSeenAt,
			expiresAt: session.expiresAt,
			ipAddress: session.ipAddress,
			userAgent: session.userAgent
		})
		.from(session)
		.where(and(eq(session.userId, actor.userId), gt(session.expiresAt, now)))
		.orderBy(desc(session.createdAt));
	const limits = limitsFor(actor.role, times);
	return rows
		.filter((row) => isSessionLive(row, limits, now))
		.map(({ id, createdAt, ipAddress, userAgent }) => ({
			id,
			createdAt,
			ipAddress,
			userAgent,
			current: id === currentId
		}));
}

/**
 * Ends one of the actor's own sessions; someone else's session id is unknown (NotFound), with the
 * refusal in the access log.
 */
export async function endOwnSession(db: Db, actor: Actor, sessionId: string): Promise<void> {
	const ended = await db.transaction(async (tx) => {
		const deleted = await tx
			.delete(session)
			.where(and(eq(session.id, sessionId), eq(session.userId, actor.userId)))
			.returning({ id: session.id });
		if (deleted.length === 0) return false;
		await record(tx, {
			eventType: 'auth.session_end',
			action: 'E',
			actor,
			object: { type: 'session', id: sessionId }
		});
		return true;
	});
	if (ended) return;
	// After the transaction (which changed nothing), so the refusal stays in the log.
	await recordRefusal(db, actor, { type: 'session', id: sessionId }, 'E');
	throw new NotFound('session');
}

/** Ends all the actor's sessions except `keepId`. */
export async function endOtherSessions(db: Db, actor: Actor, keepId: string): Promise<number> {
	return db.transaction(async (tx) => {
		const ended = await tx
			.delete(session)
			.where(and(eq(session.userId, actor.userId), ne(session.id, keepId)))
			.returning({ id: session.id });
		await record(tx, {
			eventType: 'auth.session_end',
			action: 'E',
			actor,
			object: { type: 'session', id: `all-but-${keepId}` }
		});
		return ended.length;
	});
}
