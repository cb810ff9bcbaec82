/**
 * Sessions: opaque random tokens (256 bits) in an HttpOnly cookie, stored server-side only as a
 * SHA-256 hash. Read on every request in one indexed query (session, person, organisation); idle and
 * absolute limits per kind of person (domain/session-policy.ts). Every sign-in method ends here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import {
	isSessionLive,
	isStaff,
	needsSecondFactor,
	limitsFor,
	needsTouch,
	sessionEndsAt,
	type SessionTimes
} from '$lib/domain/session-policy';
import type { Db, Tx } from '../db/client';
import { organisation, person, session } from '../db/schema';
import { actorColumns, loadActor } from './actor';
import { tokenHash } from './secret-box';
import { SessionCache } from './session-cache';

export type SignInMethod = 'password' | 'login_card' | 'passkey' | 'magic_link' | 'oidc';
/** 'oidc_mfa': the organisation's provider reported multi-factor sign-in (amr claim); 'oidc': it did not. */
export type SecondFactor = 'totp' | 'backup_code' | 'passkey' | 'oidc' | 'oidc_mfa';

/** Whether this session proved two factors to us (or to a provider that says so): the access log viewer needs it. */
export function hasTwoFactors(current: Pick<CurrentSession, 'secondFactor'> | null): boolean {
	return ['totp', 'backup_code', 'passkey', 'oidc_mfa'].includes(current?.secondFactor ?? '');
}

/** The session cookie: `__Host-` on https (no Domain, Path=/, Secure), plain name on http (local use). */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-herstelpad' : 'herstelpad';
}

/** Session tokens are 32 random bytes in base64url: 43 characters. Anything else is not looked up. */
export function isWellFormedToken(value: string | undefined): value is string {
	return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export interface CurrentSession {
	id: string;
	method: string;
	secondFactor: string | null;
	/** When the session ends if nothing happens (idle limit, capped by the absolute limit). */
	endsAt: Date;
	/** The idle limit for this person, and the absolute end. */
	idleMs: number;
	absoluteEndsAt: Date;
}

function prepareLookup(db: Db) {
	return db
		.select({
			sessionId: session.id,
			userId: session.userId,
			expiresAt: session.expiresAt,
			lastSeenAt: session.lastSeenAt,
			method: session.method,
			secondFactor: session.secondFactor,
			...actorColumns
		})
		.from(session)
		.innerJoin(person, eq(person.userId, session.userId))
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(
			and(
				eq(session.token, sql.placeholder('tokenHash')),
				gt(session.expiresAt, sql.placeholder('now')),
				isNull(person.deactivatedAt)
			)
		)
		.prepare('actor_for_session_token');
}

// Every request runs this lookup: prepare it once per database (a named statement on the server).
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

type LookupRow = Awaited<ReturnType<ReturnType<typeof prepareLookup>['execute']>>[number];

/** This process's cache of session lookups; active while runtime.ts keeps its LISTEN connection. */
export const sessionCache = new SessionCache<LookupRow>();

export type SessionLookup =
	| { state: 'none' }
	/** The session timed out; who it was is known, so an interrupted form can be kept as a draft. */
	| { state: 'ended'; sessionId: string; userId: string }
	| { state: 'live'; session: CurrentSession; actor: Actor };

/**
 * The session behind a cookie token, checked against the idle and absolute limits. Answers at once,
 * without a promise, when the cache holds a live session that needs no "last seen" update: the path
 * of almost every signed-in request.
 */
export function lookupSession(
	db: Db,
	token: string,
	times: SessionTimes,
	now = new Date()
): SessionLookup | Promise<SessionLookup> {
	const key = tokenHash(token);
	const row = sessionCache.get(key);
	if (row) {
		const limits = limitsFor(row.role, times);
		// A cached session that looks timed out is checked in the database: another instance may have
		// seen the person more recently.
		if (!isSessionLive(row, limits, now)) {
			sessionCache.delete(key);
		} else if (!needsTouch(row.lastSeenAt, now)) {
			return liveSession(row, row.lastSeenAt, limits);
		}
	}
	return lookupInDatabase(db, key, row, times, now);
}

async function lookupInDatabase(
	db: Db,
	key: string,
	cached: LookupRow | undefined,
	times: SessionTimes,
	now: Date
): Promise<SessionLookup> {
	let row = cached && sessionCache.get(key);
	if (!row) {
		let lookup = lookups.get(db);
		if (!lookup) {
			lookup = prepareLookup(db);
			lookups.set(db, lookup);
		}
		const prepared = lookup;
		// Requests with the same cookie that arrive together share one lookup.
		row = await sessionCache.shared(
			key,
			async () => (await prepared.execute({ tokenHash: key, now }))[0],
			(found) => found && sessionCache.set(key, found.userId, found)
		);
		if (!row) return { state: 'none' };
	}
	const limits = limitsFor(row.role, times);
	if (!isSessionLive(row, limits, now)) {
		await db.delete(session).where(eq(session.id, row.sessionId));
		return { state: 'ended', sessionId: row.sessionId, userId: row.userId };
	}
	// Requests that shared one lookup hold the same row: the first to touch the session notes it in
	// the cache (never re-adding an evicted entry), so the others do not write the same again.
	const noted = sessionCache.get(key)?.lastSeenAt;
	let seen = noted && noted > row.lastSeenAt ? noted : row.lastSeenAt;
	if (needsTouch(seen, now)) {
		sessionCache.replace(key, { ...row, lastSeenAt: now });
		await db.update(session).set({ lastSeenAt: now }).where(eq(session.id, row.sessionId));
		seen = now;
	}
	return liveSession(row, seen, limits);
}

function liveSession(row: LookupRow, seen: Date, limits: ReturnType<typeof limitsFor>): SessionLookup {
	const { sessionId, expiresAt, lastSeenAt: _lastSeenAt, method, secondFactor, ...actorRow } = row;
	return {
		state: 'live',
		session: {
			id: sessionId,
			method,
			secondFactor,
			endsAt: sessionEndsAt({ lastSeenAt: seen, expiresAt }, limits),
			idleMs: limits.idleMs,
			absoluteEndsAt: expiresAt
		},
		actor: { ...actorRow, organisationIsDemo: actorRow.organisationIsDemo ?? false }
	};
}

/** Moves the idle limit forward now ("stay signed in"). */
export async function extendSession(db: Db, sessionId: string): Promise<void> {
	await db.update(session).set({ lastSeenAt: new Date() }).where(eq(session.id, sessionId));
}

/** Whether this session may use the areas of its role: staff need a second factor first. */
export function hasRequiredFactors(
	actor: Pick<Actor, 'role'>,
	current: Pick<CurrentSession, 'secondFactor'>
) {
	return !needsSecondFactor(actor.role) || current.secondFactor !== null;
}

export interface StartSessionProps {
	userId: string;
	method: SignInMethod;
	secondFactor?: SecondFactor | null;
	secure: boolean;
	times: SessionTimes;
	ipAddress: string | null;
	userAgent: string | null;
}

/**
 * Starts a session after a successful sign-in: a fresh token (never one the browser brought along),
 * stored as a hash, and the cookie. Returns null when the person is unknown or deactivated.
 */
export async function startSession(
	db: Db | Tx,
	cookies: Cookies,
	props: StartSessionProps
): Promise<{ sessionId: string; actor: Actor } | null> {
	const actor = await loadActor(db, props.userId);
	if (!actor) return null;
	const token = randomBytes(32).toString('base64url');
	const sessionId = randomUUID();
	const absoluteMs = limitsFor(actor.role, props.times).absoluteMs;
	await db.insert(session).values({
		id: sessionId,
		token: tokenHash(token),
		userId: props.userId,
		method: props.method,
		secondFactor: props.secondFactor ?? null,
		expiresAt: new Date(Date.now() + absoluteMs),
		ipAddress: props.ipAddress,
		userAgent: props.userAgent?.slice(0, 400) ?? null
	});
	cookies.set(sessionCookieName(props.secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: props.secure,
		// Staff cookies end with the browser; participants stay signed in on their own device.
		...(isStaff(actor.role) ? {} : { maxAge: Math.floor(absoluteMs / 1000) })
	});
	return { sessionId, actor };
}

/** Records the second factor proven in this session. */
export async function markSecondFactor(db: Db | Tx, sessionId: string, factor: SecondFactor): Promise<void> {
	await db
		.update(session)
		.set({ secondFactor: factor, lastSeenAt: new Date() })
		.where(eq(session.id, sessionId));
}

/**
 * Forgets this instance's cached sessions of a person, after a committed change to them: the
 * redirect that follows must not read the old state before the database's notification arrives
 * (a proven second factor would otherwise send the person back to the second step).
 */
export function forgetCachedSessionsOf(userId: string): void {
	sessionCache.evict(`user:${userId}`);
}

/** Ends a session on the server and removes the cookie. */
export async function endSession(
	db: Db,
	cookies: Cookies,
	sessionId: string | null,
	secure: boolean
): Promise<void> {
	if (sessionId) {
		const ended = await db
			.delete(session)
			.where(eq(session.id, sessionId))
			.returning({ token: session.token });
		// The database tells every instance too; this instance forgets it before the next request.
		for (const { token } of ended) sessionCache.evict(`session:${token}`);
	}
	cookies.delete(sessionCookieName(secure), { path: '/', secure });
}
