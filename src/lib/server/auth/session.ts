/**
 * Reading the session on every request, in one query. better-auth creates and ends sessions
 * (sign-in, sign-out); recognising the session cookie on each request is done here, because
 * this is the hot path of every page: one indexed lookup of session, person and organisation.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { organisation, person, session } from '../db/schema';
import { actorColumns } from './actor';

/** The name better-auth gives the session cookie (prefix "herstelpad", `__Secure-` on https). */
export function sessionCookieName(secure: boolean): string {
	return `${secure ? '__Secure-' : ''}herstelpad.session_token`;
}

/**
 * The session token from a signed cookie value "<token>.<base64 HMAC-SHA256 of token>", or null
 * when the value is malformed or its signature does not match the secret.
 */
export function verifiedSessionToken(value: string | undefined, secret: string): string | null {
	if (!value) return null;
	const dot = value.lastIndexOf('.');
	if (dot < 1) return null;
	const token = value.slice(0, dot);
	const signature = Buffer.from(value.slice(dot + 1), 'base64');
	const expected = createHmac('sha256', secret).update(token).digest();
	if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
	return token;
}

function prepareActorLookup(db: Db) {
	return db
		.select({ sessionId: session.id, userId: session.userId, ...actorColumns })
		.from(session)
		.innerJoin(person, eq(person.userId, session.userId))
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(
			and(
				eq(session.token, sql.placeholder('token')),
				gt(session.expiresAt, sql.placeholder('now')),
				isNull(person.deactivatedAt)
			)
		)
		.prepare('actor_for_session_token');
}

// Every request runs this lookup: prepare it once per database (a named statement on the server).
const lookups = new WeakMap<Db, ReturnType<typeof prepareActorLookup>>();

/** The session id and active person for a token, or null when unknown, expired or deactivated. */
export async function actorForToken(
	db: Db,
	token: string
): Promise<{ sessionId: string; actor: Actor } | null> {
	let lookup = lookups.get(db);
	if (!lookup) {
		lookup = prepareActorLookup(db);
		lookups.set(db, lookup);
	}
	const [row] = await lookup.execute({ token, now: new Date() });
	if (!row) return null;
	const { sessionId, ...actor } = row;
	return { sessionId, actor: { ...actor, organisationIsDemo: actor.organisationIsDemo ?? false } };
}

/** The signed-in actor for a request's cookies. */
export async function readSession(
	db: Db,
	cookies: Cookies,
	options: { secret: string; secure: boolean }
): Promise<{ sessionId: string; actor: Actor } | null> {
	const token = verifiedSessionToken(cookies.get(sessionCookieName(options.secure)), options.secret);
	return token ? actorForToken(db, token) : null;
}

/** How long a session lasts (better-auth's `session.expiresIn` is the same). */
export const SESSION_SECONDS = 60 * 60 * 12;

/**
 * Starts a session for a login identity, for sign-in methods better-auth does not run (login
 * cards): a fresh random token, stored server-side, in the same signed cookie better-auth uses.
 */
export async function startSession(
	db: Db,
	cookies: Cookies,
	props: {
		userId: string;
		secret: string;
		secure: boolean;
		ipAddress: string | null;
		userAgent: string | null;
	}
): Promise<void> {
	const token = randomBytes(24).toString('base64url');
	await db.insert(session).values({
		id: randomUUID(),
		token,
		userId: props.userId,
		expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000),
		ipAddress: props.ipAddress,
		userAgent: props.userAgent
	});
	const signature = createHmac('sha256', props.secret).update(token).digest('base64');
	cookies.set(sessionCookieName(props.secure), `${token}.${signature}`, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: props.secure,
		maxAge: SESSION_SECONDS
	});
}
