import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import { currentDb } from '../runtime';

/** Logs a sign-in attempt; a failed one has no known actor. */
export async function recordSignIn(actor: Actor | null, outcome: 'success' | 'failure'): Promise<void> {
	await record(currentDb(), {
		eventType: outcome === 'success' ? 'auth.sign_in' : 'auth.sign_in_failed',
		action: 'E',
		outcome,
		actor
	});
}

/** Logs a sign-out. */
export async function recordSignOut(actor: Actor): Promise<void> {
	await record(currentDb(), { eventType: 'auth.sign_out', action: 'E', actor });
}
