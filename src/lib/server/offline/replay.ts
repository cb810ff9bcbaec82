/**
 * Sends a draft the device kept while offline (docs/offline.md): opens it with the session's key,
 * checks that it is one of the draft forms, and posts it to that form's own action inside this
 * request, so the action's checks, access rules, access-log rows and idempotency key apply exactly
 * as if the form had been sent then. A form the action refuses (a week that closed, a field that
 * no longer fits) is kept as an ordinary draft for its page, which puts it back in the form.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actor } from '$lib/domain/policy';
import { draftKindOf, type DraftKind } from '$lib/offline/kinds';
import { storeDraft } from '../auth/drafts';
import { openDraft, type SealedDraft } from './draft-key';

const base64url = (max: number) =>
	z
		.string()
		.max(max)
		.regex(/^[A-Za-z0-9_-]+$/);

export const sealedDraftInput = z.object({
	epk: base64url(100),
	iv: base64url(20),
	// 20,000 characters per field and a handful of fields, sealed and in base64.
	ct: base64url(400_000)
});

const draftPayload = z.object({
	path: z.string().max(300),
	fields: z.array(z.tuple([z.string().max(100), z.string().max(20_000)])).max(50)
});

export type ReplayOutcome =
	/** The form's action took it. */
	| { outcome: 'sent'; kind: DraftKind }
	/** The action refused it; it waits as a kept draft in the form. */
	| { outcome: 'kept'; kind: DraftKind; page: string }
	/** Not a draft of this session (another session's, altered, or another form). */
	| { outcome: 'unreadable' };

/** What a form action answered to a post with `x-sveltekit-action` (SvelteKit's JSON result). */
const actionResult = z.object({ type: z.enum(['success', 'failure', 'redirect', 'error']) });

export async function replayDraft(
	event: RequestEvent,
	actor: Actor,
	sessionId: string,
	sealed: SealedDraft
): Promise<ReplayOutcome> {
	const text = await openDraft(event.locals.app.secret, sessionId, sealed);
	if (text === null) return { outcome: 'unreadable' };
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { outcome: 'unreadable' };
	}
	const payload = draftPayload.safeParse(json);
	if (!payload.success) return { outcome: 'unreadable' };
	const target = new URL(payload.data.path, event.url.origin);
	const kind = draftKindOf(target.pathname, target.search);
	if (!kind || target.origin !== event.url.origin) return { outcome: 'unreadable' };

	const response = await event.fetch(target, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: event.url.origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(payload.data.fields)
	});
	const result = actionResult.safeParse(await response.json().catch(() => null));
	if (result.success && (result.data.type === 'success' || result.data.type === 'redirect')) {
		return { outcome: 'sent', kind };
	}
	if (result.success && result.data.type === 'failure') {
		await storeDraft(
			event.locals.db,
			event.cookies,
			actor.userId,
			target.pathname,
			Object.fromEntries(payload.data.fields)
		);
		return { outcome: 'kept', kind, page: target.pathname };
	}
	// The action failed for a reason of the server (the database away): the device tries again.
	throw new Error(`A kept draft could not be sent (${response.status}).`);
}
