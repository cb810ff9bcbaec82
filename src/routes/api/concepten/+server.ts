import { error, json } from '@sveltejs/kit';
import { isParticipant } from '$lib/server/access';
import { replayDraft, sealedDraftInput } from '$lib/server/offline/replay';
import type { RequestHandler } from './$types';

/**
 * A draft the service worker kept while the device was offline, sealed for this session
 * (docs/offline.md): sent to its form's action now. 200 with the outcome; 422 when it cannot be
 * opened (the device drops it); 401 when the session is gone (the device clears what it kept).
 */
export const POST: RequestHandler = async (event) => {
	const { actor, sessionId } = event.locals;
	if (!actor || !sessionId) error(401, 'Unauthorized');
	if (!isParticipant(actor)) error(403, 'Forbidden');
	const body = await event.request.json().catch(() => null);
	const parsed = sealedDraftInput.safeParse(body);
	if (!parsed.success) error(400, 'Bad Request');
	const result = await replayDraft(event, actor, sessionId, parsed.data);
	if (result.outcome === 'unreadable') error(422, 'Unprocessable Content');
	return json(result);
};
