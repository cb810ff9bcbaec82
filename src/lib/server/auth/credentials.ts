/** Email and password: checks the credential account of a login identity. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { account, user } from '../db/schema';
import { recordSignInFailure } from './events';
import { hashPassword, verifyPassword } from './password';

// A fixed hash to check against when the email is unknown, so the answer takes as long either way.
let decoyHash: Promise<string> | undefined;

/** The user id when `password` is right for `email`; null otherwise (same timing for unknown emails). */
export async function checkPassword(db: Db, email: string, password: string): Promise<string | null> {
	const [row] = await db
		.select({ userId: user.id, hash: account.password })
		.from(user)
		.innerJoin(account, and(eq(account.userId, user.id), eq(account.providerId, 'credential')))
		.where(eq(sql`lower(${user.email})`, email.trim().toLowerCase()));
	if (!row?.hash) {
		decoyHash ??= hashPassword('decoy password that never matches');
		await verifyPassword(await decoyHash, password);
		return null;
	}
	return (await verifyPassword(row.hash, password)) ? row.userId : null;
}

/**
 * Logs a failed password sign-in: for the account with this email when there is one, else for
 * nobody (the typed email is not stored).
 */
export async function recordPasswordFailure(db: Db, email: string): Promise<void> {
	const [row] = await db
		.select({ userId: user.id })
		.from(user)
		.where(eq(sql`lower(${user.email})`, email.trim().toLowerCase()));
	if (row) await recordSignInFailure(db, 'password_wrong', { userId: row.userId });
	else await recordSignInFailure(db, 'email_unknown');
}

/** Sets (or replaces) the password of a login identity. */
export async function setPassword(db: Db | Tx, userId: string, password: string): Promise<void> {
	const hash = await hashPassword(password);
	const updated = await db
		.update(account)
		.set({ password: hash })
		.where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
		.returning({ id: account.id });
	if (updated.length === 0) {
		await db.insert(account).values({
			id: crypto.randomUUID(),
			accountId: userId,
			providerId: 'credential',
			userId,
			password: hash
		});
	}
}
