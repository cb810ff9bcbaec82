import { json, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { safeReturnPath } from '$lib/server/auth/guard';
import { extendSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/** "Stay signed in": restarts the idle time of this session. JSON for the warning, a redirect without JS. */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	// The authorization hook already answered 401 when there is no session.
	if (locals.sessionId) await extendSession(locals.db, locals.sessionId);
	if ((request.headers.get('accept') ?? '').includes('application/json')) return json({ extended: true });
	const home = locals.actor ? homePathOf(locals.actor.role) : '/';
	redirect(303, safeReturnPath(url.searchParams.get('terug')) ?? home);
};
