import { error, redirect } from '@sveltejs/kit';
import { canEnter, type Actor, type Area } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';

/** The area a route belongs to, from its route id: the folder groups under src/routes. */
export function areaOfRoute(routeId: string | null): Area | 'public' {
	if (!routeId) return 'public';
	if (routeId.startsWith('/(participant)')) return 'participant';
	if (routeId.startsWith('/(trainer)')) return 'trainer';
	if (routeId.startsWith('/(admin)')) return 'admin';
	if (routeId.startsWith('/(naaste)')) return 'significant_other';
	if (routeId.startsWith('/(research)')) return 'research';
	if (routeId.startsWith('/account')) return 'account';
	return 'public';
}

/** A safe path to come back to after signing in: same-site paths only. */
export function safeReturnPath(value: string | null | undefined): string | null {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
	// It becomes a Location header: printable ASCII only (a path from a URL is percent-encoded anyway).
	if (!/^[\x21-\x7e]*$/.test(value)) return null;
	return value;
}

/** The signed-in actor, or a redirect to the sign-in page that comes back to `url` afterwards. */
export function requireActor(locals: App.Locals, url: URL): Actor {
	if (locals.actor) return locals.actor;
	// A session cookie came but the database is away: not signed out, just not now (503).
	if (locals.sessionUnchecked) error(503, 'database_unavailable');
	const back = url.pathname === '/' ? '' : `?terug=${encodeURIComponent(url.pathname + url.search)}`;
	redirect(303, `/inloggen${back}`);
}

/** The signed-in actor if their role may enter `area`; otherwise sign in first, or 403 (logged). */
export async function requireArea(locals: App.Locals, url: URL, area: Area): Promise<Actor> {
	const actor = requireActor(locals, url);
	if (!canEnter(actor, area)) {
		// Layout and page loads run side by side: log the refusal of one request once.
		if (!locals.accessDeniedRecorded) {
			locals.accessDeniedRecorded = true;
			await recordDenied(locals.db, actor, url.pathname);
		}
		error(403, 'Forbidden');
	}
	return actor;
}

/** Logs a refused access (NEN 7513 asks for failures too). */
export async function recordDenied(db: Db, actor: Actor, pathname: string): Promise<void> {
	await record(db, {
		eventType: 'access.denied',
		action: 'R',
		outcome: 'failure',
		actor,
		object: { type: 'route', id: pathname }
	});
}
