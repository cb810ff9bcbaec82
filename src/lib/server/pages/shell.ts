/**
 * What the frame around every page shows (root +layout.svelte): the language, a form kept after a
 * session ended, the session's time limits for the "stay signed in?" warning, and who is signed in.
 *
 * There is no root layout load: each area's layout load returns this (trainer, coordinator,
 * account, the public pages), and each participant page's own load does (`participantPage`), so a
 * participant page costs one server load, not two. The root layout reads it from `page.data`.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/policy';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { DRAFT_COOKIE, takeDraft } from '../auth/drafts';
import { requireArea } from '../auth/guard';
import { liveBanner } from '../live/status';
import { noteVisit } from '../usage/events';

export interface Shell {
	locale: Locale;
	/** A form kept when the session ended while it was being filled in, for this page only. */
	draft: Record<string, string> | null;
	/** How long this session lasts without activity, and at most. */
	sessionTimeout: { idleSeconds: number; secondsLeft: number } | null;
	actor: Pick<Actor, 'displayName' | 'role' | 'organisationName' | 'organisationIsDemo'> | null;
	/** Participant pages: the participant's group runs live mode now (the banner "De groep is bezig"). */
	live?: boolean;
}

interface ShellEvent {
	locals: App.Locals;
	cookies: Cookies;
	url: URL;
}

export async function shellData({ locals, cookies, url }: ShellEvent): Promise<Shell> {
	const { actor, session } = locals;
	// Only when a form was kept after a session ended (the cookie says so): no query otherwise.
	const draft =
		actor && cookies.get(DRAFT_COOKIE)
			? await takeDraft(locals.db, cookies, actor.userId, url.pathname)
			: null;
	return {
		locale: getLocale(),
		draft,
		sessionTimeout: session && {
			idleSeconds: Math.floor(session.idleMs / 1000),
			secondsLeft: Math.floor((session.absoluteEndsAt.getTime() - Date.now()) / 1000)
		},
		actor: actor && {
			displayName: actor.displayName,
			role: actor.role,
			organisationName: actor.organisationName,
			organisationIsDemo: actor.organisationIsDemo
		}
	};
}

/**
 * A participant page's load: checks the area first (sign in, or a logged 403), then runs `load`
 * with the participant and returns its data with the frame's.
 */
export async function participantPage<E extends ShellEvent, T extends Record<string, unknown>>(
	event: E,
	load: (event: E, actor: Actor) => Promise<T>
): Promise<Shell & T> {
	const actor = await requireArea(event.locals, event.url, 'participant');
	// The week's visit counts for the use figures (one insert per person and week; best effort).
	const [shell, live] = await Promise.all([
		shellData(event),
		liveBanner(event.locals.db, actor),
		noteVisit(event.locals.db, actor)
	]);
	return { ...shell, live, ...(await load(event, actor)) };
}
