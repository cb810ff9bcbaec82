/**
 * Passkeys (WebAuthn) with @simplewebauthn/server: discoverable credentials with user verification
 * (the phone's fingerprint, face or PIN), so signing in needs nothing typed or remembered. For staff
 * a passkey counts as both factors. The challenge travels in a short-lived signed cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
	type AuthenticationResponseJSON,
	type RegistrationResponseJSON
} from '@simplewebauthn/server';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { passkey, user } from '../db/schema';
import { logger } from '../log';
import { isRealEmail } from '../people/placeholder-email';

const CHALLENGE_COOKIE = 'herstelpad-webauthn';
const CHALLENGE_SECONDS = 5 * 60;

interface Relying {
	/** The public origin, e.g. https://herstelpad.example.org. */
	origin: string;
	secret: string;
	secure: boolean;
}

const rpIdOf = (origin: string) => new URL(origin).hostname;

type Purpose = 'register' | 'sign_in';

function sign(value: string, secret: string): string {
	return createHmac('sha256', secret).update(`webauthn:${value}`).digest('base64url');
}

function keepChallenge(cookies: Cookies, rp: Relying, purpose: Purpose, challenge: string): void {
	const value = `${purpose}.${challenge}.${Date.now() + CHALLENGE_SECONDS * 1000}`;
	cookies.set(CHALLENGE_COOKIE, `${value}.${sign(value, rp.secret)}`, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: rp.secure,
		maxAge: CHALLENGE_SECONDS
	});
}

/** The challenge this browser was given for `purpose`, once; null when missing, forged or expired. */
function takeChallenge(cookies: Cookies, rp: Relying, purpose: Purpose): string | null {
	const raw = cookies.get(CHALLENGE_COOKIE);
	cookies.delete(CHALLENGE_COOKIE, { path: '/', secure: rp.secure });
	if (!raw) return null;
	const cut = raw.lastIndexOf('.');
	const value = raw.slice(0, cut);
	const given = Buffer.from(raw.slice(cut + 1));
	const expected = Buffer.from(sign(value, rp.secret));
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	const [kind, challenge, until] = value.split('.');
	if (kind !== purpose || !challenge || Number(until) < Date.now()) return null;
	return challenge;
}

/** Options for making a passkey for the signed-in person (their existing ones are excluded). */
export async function registrationOptions(db: Db, cookies: Cookies, rp: Relying, actor: Actor) {
	const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, actor.userId));
	const existing = await db
		.select({ id: passkey.id, transports: passkey.transports })
		.from(passkey)
		.where(eq(passkey.userId, actor.userId));
	const options = await generateRegistrationOptions({
		rpName: 'Herstelpad',
		rpID: rpIdOf(rp.origin),
		userName: account && isRealEmail(account.email) ? account.email : actor.displayName,
		userDisplayName: actor.displayName,
		userID: new TextEncoder().encode(actor.userId),
		attestationType: 'none',
		excludeCredentials: existing.map((row) => ({
			id: row.id,
			transports: row.transports ? (row.transports.split(',') as never[]) : undefined
		})),
		authenticatorSelection: { residentKey: 'required', userVerification: 'required' }
	});
	keepChallenge(cookies, rp, 'register', options.challenge);
	return options;
}

/** Checks the browser's answer and stores the new passkey; false when it does not verify. */
export async function registerPasskey(
	db: Db,
	cookies: Cookies,
	rp: Relying,
	actor: Actor,
	response: RegistrationResponseJSON,
	deviceLabel: string | null
): Promise<boolean> {
	const challenge = takeChallenge(cookies, rp, 'register');
	if (!challenge) return false;
	const verified = await verifyRegistrationResponse({
		response,
		expectedChallenge: challenge,
		expectedOrigin: rp.origin,
		expectedRPID: rpIdOf(rp.origin),
		requireUserVerification: true
	}).catch(() => null);
	if (!verified?.verified || !verified.registrationInfo) return false;
	const { credential } = verified.registrationInfo;
	await db.transaction(async (tx) => {
		await tx.insert(passkey).values({
			id: credential.id,
			userId: actor.userId,
			publicKey: Buffer.from(credential.publicKey).toString('base64url'),
			counter: credential.counter,
			transports: credential.transports?.join(',') ?? null,
			deviceLabel: deviceLabel?.slice(0, 100) ?? null
		});
		await record(tx, {
			eventType: 'auth.passkey_add',
			action: 'C',
			actor,
			object: { type: 'passkey', id: credential.id }
		});
	});
	return true;
}

/** Options for signing in with any passkey of this site (the browser offers the ones it has). */
export async function signInOptions(cookies: Cookies, rp: Relying) {
	const options = await generateAuthenticationOptions({
		rpID: rpIdOf(rp.origin),
		userVerification: 'required'
	});
	keepChallenge(cookies, rp, 'sign_in', options.challenge);
	return options;
}

/** The login identity behind a verified passkey answer, or why not (and whose passkey, when known). Updates the signature counter. */
export async function verifyPasskeySignIn(
	db: Db,
	cookies: Cookies,
	rp: Relying,
	response: AuthenticationResponseJSON
): Promise<{ userId: string } | { failure: 'passkey_unknown' | 'passkey_failed'; userId: string | null }> {
	const challenge = takeChallenge(cookies, rp, 'sign_in');
	if (!challenge || typeof response?.id !== 'string') {
		logger.warn({ challenge: Boolean(challenge) }, 'passkey sign-in without a valid challenge');
		return { failure: 'passkey_failed', userId: null };
	}
	const [stored] = await db.select().from(passkey).where(eq(passkey.id, response.id));
	if (!stored) {
		logger.warn('passkey sign-in with an unknown credential');
		return { failure: 'passkey_unknown', userId: null };
	}
	const verified = await verifyAuthenticationResponse({
		response,
		expectedChallenge: challenge,
		expectedOrigin: rp.origin,
		expectedRPID: rpIdOf(rp.origin),
		requireUserVerification: true,
		credential: {
			id: stored.id,
			publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
			counter: stored.counter,
			transports: stored.transports ? (stored.transports.split(',') as never[]) : undefined
		}
	}).catch((error: unknown) => {
		logger.warn({ err: String(error) }, 'passkey sign-in did not verify');
		return null;
	});
	if (!verified?.verified) return { failure: 'passkey_failed', userId: stored.userId };
	await db
		.update(passkey)
		.set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() })
		.where(eq(passkey.id, stored.id));
	return { userId: stored.userId };
}

export interface OwnPasskey {
	id: string;
	deviceLabel: string | null;
	createdAt: Date;
	lastUsedAt: Date | null;
}

/** The signed-in person's passkeys, newest first. */
export function listOwnPasskeys(db: Db, actor: Actor): Promise<OwnPasskey[]> {
	return db
		.select({
			id: passkey.id,
			deviceLabel: passkey.deviceLabel,
			createdAt: passkey.createdAt,
			lastUsedAt: passkey.lastUsedAt
		})
		.from(passkey)
		.where(eq(passkey.userId, actor.userId))
		.orderBy(desc(passkey.createdAt));
}

/** Removes one of the person's own passkeys; false if it is not theirs. */
export async function removeOwnPasskey(db: Db, actor: Actor, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx
			.delete(passkey)
			.where(and(eq(passkey.id, id), eq(passkey.userId, actor.userId)))
			.returning({ id: passkey.id });
		if (removed.length === 0) return false;
		await record(tx, {
			eventType: 'auth.passkey_remove',
			action: 'D',
			actor,
			object: { type: 'passkey', id }
		});
		return true;
	});
}
