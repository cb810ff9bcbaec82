import { redirect } from '@sveltejs/kit';
import { recordSignOut } from '$lib/server/auth/events';
import { endSession } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Ends the session on the server and clears the cookie; works as a plain form post. */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	const ready = runtime();
	if (ready && locals.sessionId) {
		await endSession(ready.database.db, cookies, locals.sessionId, config().secureCookies);
		const actor = locals.actor ?? locals.pendingSecondFactor;
		if (actor) await recordSignOut(actor);
	}
	redirect(303, '/inloggen?uitgelogd');
};
