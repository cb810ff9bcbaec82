import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupProgress } from '$lib/server/curriculum/tailoring/queries';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return groupProgress(locals.db, actor, params.groep, getLocale());
}) satisfies PageServerLoad;
