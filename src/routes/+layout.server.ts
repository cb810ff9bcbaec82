import { getLocale } from '$lib/paraglide/runtime';
import { DRAFT_COOKIE, takeDraft } from '$lib/server/auth/drafts';
import { currentDb } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies, url }) => {
	const { actor, session } = locals;
	// Only when a form was kept after a session ended (the cookie says so): no query otherwise.
	const draft =
		actor && cookies.get(DRAFT_COOKIE)
			? await takeDraft(currentDb(), cookies, actor.userId, url.pathname)
			: null;
	return {
		locale: getLocale(),
		draft,
		// For the "stay signed in?" warning: how long this session lasts without activity, and at most.
		session: session && {
			idleSeconds: Math.floor(session.idleMs / 1000),
			secondsLeft: Math.floor((session.absoluteEndsAt.getTime() - Date.now()) / 1000)
		},
		actor: actor && {
			displayName: actor.displayName,
			role: actor.role,
			isPeerExpert: actor.isPeerExpert,
			organisationName: actor.organisationName,
			organisationIsDemo: actor.organisationIsDemo
		}
	};
};
