/** A participant (or anyone signed in) chooses a password for next time. */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { user } from '../db/schema';
import { isRealEmail } from '../people/placeholder-email';
import { setPassword } from './credentials';

/** The person's email to sign in with, or null when they have none (then a password cannot be used). */
export async function signInEmailOf(db: Db, actor: Actor): Promise<string | null> {
	const [row] = await db.select({ email: user.email }).from(user).where(eq(user.id, actor.userId));
	return row && isRealEmail(row.email) ? row.email : null;
}

/** Sets the signed-in person's own password (already checked against the password policy). */
export async function chooseOwnPassword(db: Db, actor: Actor, password: string): Promise<void> {
	await setPassword(db, actor.userId, password);
	await record(db, { eventType: 'auth.password_set', action: 'U', actor });
}
