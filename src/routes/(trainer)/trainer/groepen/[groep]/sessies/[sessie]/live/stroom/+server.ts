import { requireArea } from '$lib/server/auth/guard';
import { requireTrainedSession } from '$lib/server/access';
import { requireUuidParams } from '$lib/server/input';
import { readLiveView } from '$lib/server/live/queries';
import { lastEventId, liveStream } from '$lib/server/live/stream';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

/**
 * The session's live view as Server-Sent Events: the wall's (`?scherm=muur`, what the group sees) or
 * the trainer's (every answer, for approving and hiding).
 */
export const GET: RequestHandler = answered(async ({ locals, url, params, request }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const { group } = await requireTrainedSession(locals.db, actor, params.groep, params.sessie);
	const audience = url.searchParams.get('scherm') === 'muur' ? 'group' : 'trainer';
	// Logged as the stream opens, with the names it shows then.
	await readLiveView(locals.db, actor, group.id, audience);
	return liveStream(locals.db, group.id, audience, lastEventId(request));
});
