/**
 * Idempotency keys for forms that create rows: the page renders a fresh key in a hidden field
 * (`sleutel`), the command claims it in the same transaction as its write, and a replay of the same
 * post — resent after a lost answer, double-clicked, or sent twice at once — answers as the first did
 * and adds nothing. The claim is a primary key with `on conflict do nothing`, so a concurrent second
 * post waits for the first's transaction and then finds its result; a refused write claims nothing,
 * so the corrected form can be sent with the same key.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from './db/client';
import { formSubmission } from './db/schema';

/** The name of the hidden form field that carries the key. */
export const FORM_KEY_FIELD = 'sleutel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new key for a form the page is about to render. */
export function newFormKey(): string {
	return randomUUID();
}

/**
 * The form's key: `{ key }` with the uuid, `{ key: null }` when the form sent none (a page rendered
 * before keys existed, or a client that is not a browser form: the write runs unguarded, as before),
 * or null when a key was sent that we cannot have made (the form answers 400 and keeps what was typed).
 */
export function formKey(form: FormData): { key: string | null } | null {
	const value = form.get(FORM_KEY_FIELD);
	if (value === null || value === '') return { key: null };
	return typeof value === 'string' && UUID.test(value.toLowerCase()) ? { key: value.toLowerCase() } : null;
}

export interface Claim {
	personId: string;
	/** Which write, e.g. 'message.send'. */
	action: string;
	/** The form's key; without one the write runs unguarded (internal callers, tests). */
	key?: string | null;
}

/**
 * Claims the form's key for a write, inside the write's transaction and after its checks, storing
 * the answer the write will give (e.g. the id it is about to insert). Returns null when the write
 * should go ahead, or `{ result }` — the first post's answer — when this post is a replay and must
 * write nothing. Without a key (internal callers, tests) every call goes ahead.
 */
export async function claimFormKey<T>(tx: Tx, claim: Claim, result: T): Promise<{ result: T } | null> {
	if (!claim.key) return null;
	if (!UUID.test(claim.key)) throw new Error('An idempotency key must be a uuid.');
	const [inserted] = await tx
		.insert(formSubmission)
		.values({ personId: claim.personId, action: claim.action, key: claim.key, result: result ?? null })
		.onConflictDoNothing()
		.returning({ key: formSubmission.key });
	if (inserted) return null;
	// Read committed: this statement sees the first post's claim, committed while the insert waited.
	const [first] = await tx
		.select({ result: formSubmission.result })
		.from(formSubmission)
		.where(claimed(claim));
	return { result: first?.result as T };
}

/** Gives a claimed key back when the write was refused after all, so the corrected form can use it. */
export async function releaseFormKey(tx: Tx, claim: Claim): Promise<void> {
	if (!claim.key) return;
	await tx.delete(formSubmission).where(claimed(claim));
}

function claimed(claim: Claim) {
	return and(
		eq(formSubmission.personId, claim.personId),
		eq(formSubmission.action, claim.action),
		eq(formSubmission.key, claim.key ?? '')
	);
}
