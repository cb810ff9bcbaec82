import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupThreads } from '$lib/server/guidance/messages/queries';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return groupThreads(locals.db, actor, params.groep);
}) satisfies PageServerLoad;
