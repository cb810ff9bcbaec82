/**
 * TOTP second factor (RFC 6238, 30-second steps, 6 digits) with the otpauth library, and one-time
 * backup codes. Secrets are sealed with the app secret; every code works once (replay refused).
 */
import { randomInt } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Db, Tx } from '../db/client';
import { backupCode, totpFactor } from '../db/schema';
import { open, seal, tokenHash } from './secret-box';

const PERIOD = 30;

function totpFor(secretBase32: string, label: string): TOTP {
	return new TOTP({
		issuer: 'Herstelpad',
		label,
		algorithm: 'SHA1',
		digits: 6,
		period: PERIOD,
		secret: Secret.fromBase32(secretBase32)
	});
}

/** The TOTP state of a login identity: none, waiting for the first code, or in use. */
export async function totpStatus(db: Db, userId: string): Promise<'none' | 'pending' | 'active'> {
	const [row] = await db
		.select({ confirmedAt: totpFactor.confirmedAt })
		.from(totpFactor)
		.where(eq(totpFactor.userId, userId));
	if (!row) return 'none';
	return row.confirmedAt ? 'active' : 'pending';
}

/**
 * Starts (or restarts) enrolment: a new secret, unconfirmed until the first right code. Returns the
 * secret in base32 for typing and the otpauth:// URI for the QR code.
 */
export async function beginTotpEnrolment(
	db: Db,
	props: { userId: string; label: string; appSecret: string; secretBase32?: string }
): Promise<{ secret: string; uri: string }> {
	const secret = props.secretBase32 ?? new Secret({ size: 20 }).base32;
	const sealed = seal(secret, props.appSecret);
	await db
		.insert(totpFactor)
		.values({ userId: props.userId, secretEncrypted: sealed })
		.onConflictDoUpdate({
			target: totpFactor.userId,
			set: { secretEncrypted: sealed, confirmedAt: null, lastUsedStep: 0 },
			// Never replace an authenticator that is in use: that would bypass the second factor.
			setWhere: isNull(totpFactor.confirmedAt)
		});
	return { secret, uri: totpFor(secret, props.label).toString() };
}

/** The pending enrolment's secret and URI again (after a wrong first code), or null. */
export async function pendingEnrolment(
	db: Db,
	props: { userId: string; label: string; appSecret: string }
): Promise<{ secret: string; uri: string } | null> {
	const [row] = await db
		.select({ sealed: totpFactor.secretEncrypted })
		.from(totpFactor)
		.where(and(eq(totpFactor.userId, props.userId), isNull(totpFactor.confirmedAt)));
	if (!row) return null;
	const secret = open(row.sealed, props.appSecret);
	return { secret, uri: totpFor(secret, props.label).toString() };
}

/**
 * Checks a 6-digit code (one step of clock drift either way). A code is accepted once: the step is
 * stored, and a code of that step or earlier is refused afterwards, also in a race (one UPDATE).
 */
export async function verifyTotp(
	db: Db | Tx,
	props: { userId: string; code: string; appSecret: string; confirming?: boolean; now?: number }
): Promise<boolean> {
	const code = props.code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(code)) return false;
	const [row] = await db
		.select({ sealed: totpFactor.secretEncrypted, confirmedAt: totpFactor.confirmedAt })
		.from(totpFactor)
		.where(eq(totpFactor.userId, props.userId));
	if (!row || (row.confirmedAt === null) !== (props.confirming ?? false)) return false;
	const now = props.now ?? Date.now();
	const delta = totpFor(open(row.sealed, props.appSecret), '').validate({
		token: code,
		timestamp: now,
		window: 1
	});
	if (delta === null) return false;
	const step = Math.floor(now / 1000 / PERIOD) + delta;
	const claimed = await db
		.update(totpFactor)
		.set({ lastUsedStep: step, ...(props.confirming ? { confirmedAt: new Date(now) } : {}) })
		.where(and(eq(totpFactor.userId, props.userId), lt(totpFactor.lastUsedStep, step)))
		.returning({ userId: totpFactor.userId });
	return claimed.length === 1;
}

/** Ten new backup codes (the old ones stop working); shown once, stored as hashes. */
export async function newBackupCodes(db: Db | Tx, userId: string): Promise<string[]> {
	const codes = Array.from({ length: 10 }, () => newBackupCode());
	await db.delete(backupCode).where(eq(backupCode.userId, userId));
	await db
		.insert(backupCode)
		.values(codes.map((code) => ({ userId, codeHash: tokenHash(normaliseBackupCode(code)) })));
	return codes;
}

function newBackupCode(): string {
	// 10 characters (about 49 bits) without look-alikes (no 0/o, 1/i/l), shown as xxxxx-xxxxx.
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]);
	return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** A typed backup code without spaces, dashes or capitals. */
export function normaliseBackupCode(input: string): string {
	return input.toLowerCase().replace(/[\s-]/g, '');
}

/** Uses a backup code: true once per code. */
export async function useBackupCode(db: Db | Tx, userId: string, input: string): Promise<boolean> {
	const used = await db
		.update(backupCode)
		.set({ usedAt: new Date() })
		.where(
			and(
				eq(backupCode.userId, userId),
				eq(backupCode.codeHash, tokenHash(normaliseBackupCode(input))),
				isNull(backupCode.usedAt)
			)
		)
		.returning({ id: backupCode.id });
	return used.length === 1;
}
