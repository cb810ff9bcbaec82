/**
 * Idempotency keys for forms that create rows: the page renders a fresh key in a hidden field
 * (`sleutel`), the command claims it in the same transaction as its write, and a replay of the same
 * post — resent after a lost answer, double-clicked, or sent twice at once — answers as the first did
 * and adds nothing. The claim is a primary key with `on conflict do nothing`, so a concurrent second
 * post waits for the first's transaction and then finds its result.
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

/** The form's key, or null when it is missing or not one we could have made. */
export function formKey(form: FormData): string | null {
	const value = form.get(FORM_KEY_FIELD);
	return typeof value === 'string' && UUID.test(value.toLowerCase()) ? value.toLowerCase() : null;
}

export interface Claim {
	personId: string;
	/** Which write, e.g. 'message.send'. */
	action: string;
	/** The form's key; without one the write runs unguarded (internal callers, tests). */
	key?: string | null;
}

export interface Once<T> {
	result: T;
	/** True when this was a replay: nothing was written, `result` is the first write's. */
	replay: boolean;
}

/**
 * Runs `write` inside `tx` once per key. A result that `kept` rejects (a refusal, nothing written)
 * frees the key again, so the corrected form can be sent with it.
 */
export async function once<T>(
	tx: Tx,
	claim: Claim,
	write: () => Promise<T>,
	kept: (result: T) => boolean = (result) => result !== null && result !== undefined
): Promise<Once<T>> {
	if (!claim.key) return { result: await write(), replay: false };
	if (!UUID.test(claim.key)) throw new Error('An idempotency key must be a uuid.');
	const where = and(
		eq(formSubmission.personId, claim.personId),
		eq(formSubmission.action, claim.action),
		eq(formSubmission.key, claim.key)
	);
	const [claimed] = await tx
		.insert(formSubmission)
		.values({ personId: claim.personId, action: claim.action, key: claim.key })
		.onConflictDoNothing()
		.returning({ key: formSubmission.key });
	if (!claimed) {
		// Read committed: this statement sees the first post's committed claim and its result.
		const [first] = await tx.select({ result: formSubmission.result }).from(formSubmission).where(where);
		return { result: first?.result as T, replay: true };
	}
	const result = await write();
	if (kept(result)) await tx.update(formSubmission).set({ result: result ?? null }).where(where);
	else await tx.delete(formSubmission).where(where);
	return { result, replay: false };
}
