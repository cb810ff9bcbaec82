import { recordSignOut } from '$lib/server/auth/events';
import { endSession } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

/**
 * Ends the session on the server and clears the cookie; works as a plain form post. The browser is
 * told to clear what this site keeps on the device (drafts, cached pages, the service worker):
 * docs/offline.md, ASVS V14.3.
 */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	// A session id is only set when the database answered for it (hooks.server.ts).
	if (locals.sessionId) {
		await endSession(locals.db, cookies, locals.sessionId, config().secureCookies);
		const actor = locals.actor ?? locals.pendingSecondFactor;
		if (actor) await recordSignOut(locals.db, actor);
	}
	return new Response(null, {
		status: 303,
		headers: { location: '/inloggen?uitgelogd', 'clear-site-data': '"storage"' }
	});
};
