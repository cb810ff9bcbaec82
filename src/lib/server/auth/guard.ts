import { error, redirect } from '@sveltejs/kit';
import { canEnter, type Actor, type Area } from '$lib/domain/policy';

/** The area a route belongs to, from its route id: the folder groups under src/routes. */
export function areaOfRoute(routeId: string | null): Area | 'public' {
	if (!routeId) return 'public';
	if (routeId.startsWith('/(participant)')) return 'participant';
	if (routeId.startsWith('/(trainer)')) return 'trainer';
	if (routeId.startsWith('/(admin)')) return 'admin';
	if (routeId.startsWith('/account')) return 'account';
	return 'public';
}

/** A safe path to come back to after signing in: same-site paths only. */
export function safeReturnPath(value: string | null | undefined): string | null {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
	return value;
}

/** The signed-in actor, or a redirect to the sign-in page that comes back to `url` afterwards. */
export function requireActor(locals: App.Locals, url: URL): Actor {
	if (locals.actor) return locals.actor;
	const back = url.pathname === '/' ? '' : `?terug=${encodeURIComponent(url.pathname + url.search)}`;
	redirect(303, `/inloggen${back}`);
}

/** The signed-in actor if their role may enter `area`; otherwise sign in first, or 403. */
export function requireArea(locals: App.Locals, url: URL, area: Area): Actor {
	const actor = requireActor(locals, url);
	if (!canEnter(actor, area)) error(403, 'Forbidden');
	return actor;
}
