import { redirect } from '@sveltejs/kit';
import { recordSignOut } from '$lib/server/auth/events';
import { endSession } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** Ends the session on the server and clears the cookie; works as a plain form post. */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	// A session id is only set when the database answered for it (hooks.server.ts).
	if (locals.sessionId) {
		await endSession(locals.db, cookies, locals.sessionId, config().secureCookies);
		const actor = locals.actor ?? locals.pendingSecondFactor;
		if (actor) await recordSignOut(locals.db, actor);
	}
	redirect(303, '/inloggen?uitgelogd');
};
