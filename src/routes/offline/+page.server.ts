import { getLocale } from '$lib/paraglide/runtime';
import type { Shell } from '$lib/server/pages/shell';
import type { PageServerLoad } from './$types';

/**
 * The page the service worker shows without a connection (docs/offline.md). It is kept on the
 * device, so it carries nothing of the person: only the language.
 */
export const load: PageServerLoad = (): Shell => ({
	locale: getLocale(),
	draft: null,
	sessionTimeout: null,
	actor: null
});
