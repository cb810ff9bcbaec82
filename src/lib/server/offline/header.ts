import { DRAFT_KEY_HEADER } from '$lib/offline/kinds';
import { isParticipant } from '../access';
import { draftPublicKey } from './draft-key';

/**
 * A participant's pages carry the session's public key for sealing offline drafts; the service
 * worker keeps it (docs/offline.md). Public by nature: it only lets a device seal for this server.
 */
export function addDraftKey(headers: Headers, locals: App.Locals): void {
	const { actor, sessionId } = locals;
	if (!actor || !sessionId || !isParticipant(actor)) return;
	if (!headers.get('content-type')?.startsWith('text/html')) return;
	headers.set(DRAFT_KEY_HEADER, draftPublicKey(locals.app.secret, sessionId));
}
