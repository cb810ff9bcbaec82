import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { groupUsage } from '$lib/server/usage/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** One group's use figures (counts only; small ones hidden but for the group's own trainers). */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	return groupUsage(locals.db, actor, params.groep);
}) satisfies PageServerLoad;
