import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const { actor } = locals;
	return {
		locale: getLocale(),
		actor: actor && {
			displayName: actor.displayName,
			role: actor.role,
			isPeerExpert: actor.isPeerExpert,
			organisationName: actor.organisationName,
			organisationIsDemo: actor.organisationIsDemo
		}
	};
};
