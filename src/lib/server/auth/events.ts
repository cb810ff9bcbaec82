import { eq, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { organisation, person } from '../db/schema';
import { actorColumns } from './actor';

/** Why a sign-in failed, as the access log keeps it (object `sign_in_failure`): never the secret or what was typed. */
export const signInFailures = [
	'password_wrong',
	'email_unknown',
	'account_inactive',
	'card_unknown',
	'card_used',
	'card_expired',
	'card_replaced',
	'passkey_unknown',
	'passkey_failed',
	'link_unknown',
	'link_used',
	'link_expired',
	'sso_flow',
	'sso_provider',
	'sso_no_account'
] as const;
export type SignInFailure = (typeof signInFailures)[number];

/** The account a failed sign-in was for, when known: its login identity or its person. */
export type TriedAccount = { userId: string } | { personId: string } | null;

/**
 * Logs a failed sign-in (NEN 7513, ASVS V16). When the account that was tried is known, the row
 * names it as the actor (who claimed to sign in; the outcome says it did not succeed) in its
 * organisation, so the coordinator sees it; otherwise nobody is named and nothing typed is kept.
 */
export async function recordSignInFailure(
	db: Db | Tx,
	reason: SignInFailure,
	account: TriedAccount = null
): Promise<void> {
	const claimed = account ? await accountSnapshot(db, account) : null;
	await record(db, {
		eventType: 'auth.sign_in_failed',
		action: 'E',
		outcome: 'failure',
		actor: claimed,
		object: { type: 'sign_in_failure', id: reason }
	});
}

// Deactivated people too: a refused sign-in to a switched-off account belongs in the log.
async function accountSnapshot(db: Db | Tx, account: NonNullable<TriedAccount>): Promise<Actor | null> {
	const where: SQL =
		'userId' in account ? eq(person.userId, account.userId) : eq(person.id, account.personId);
	const [row] = await db
		.select({ ...actorColumns, userId: person.userId })
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(where)
		.limit(1);
	if (!row) return null;
	return { ...row, userId: row.userId ?? '', organisationIsDemo: row.organisationIsDemo ?? false };
}

/** Logs a sign-out. */
export async function recordSignOut(db: Db, actor: Actor): Promise<void> {
	await record(db, { eventType: 'auth.sign_out', action: 'E', actor });
}
