import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupThreads } from '$lib/server/guidance/messages';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return groupThreads(locals.db, actor, params.groep);
});
