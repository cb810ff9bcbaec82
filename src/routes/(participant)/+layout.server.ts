import { redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { requireActor, requireArea } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	// Staff who open the site's front door go to their own area.
	if (url.pathname === '/' && actor.role !== 'participant') redirect(303, homePathOf(actor.role));
	await requireArea(locals, url, 'participant');
	return {};
};
