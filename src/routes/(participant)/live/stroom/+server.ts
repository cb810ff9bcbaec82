import { requireArea } from '$lib/server/auth/guard';
import { requireMemberGroup } from '$lib/server/access';
import { readLiveView } from '$lib/server/live/queries';
import { lastEventId, liveStream } from '$lib/server/live/stream';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

/** The participant's group's live view as Server-Sent Events (src/lib/server/live/stream.ts). */
export const GET: RequestHandler = answered(async ({ locals, url, request }) => {
	const actor = await requireArea(locals, url, 'participant');
	const group = await requireMemberGroup(locals.db, actor);
	// Logged as the stream opens, with the names it shows then.
	await readLiveView(locals.db, actor, group.groupId, 'group');
	return liveStream(locals.db, group.groupId, 'group', lastEventId(request));
});
