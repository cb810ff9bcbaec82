import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupProgress } from '$lib/server/curriculum/tailoring';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const grid = await groupProgress(actor, params.groep, getLocale());
	if (!grid) error(404, 'Not Found');
	return grid;
};
