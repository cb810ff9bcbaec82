import { redirect } from '@sveltejs/kit';
import { recordSignOut } from '$lib/server/auth/events';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Ends the session on the server and clears the cookie; works as a plain form post. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const ready = runtime();
	if (ready && locals.sessionId) {
		await ready.auth.api.signOut({ headers: request.headers });
		if (locals.actor) await recordSignOut(locals.actor);
	}
	redirect(303, '/inloggen?uitgelogd');
};
