import { requireArea } from '$lib/server/auth/guard';
import { answered } from '$lib/server/route';
import { organisationUsage, USAGE_GROUPS_PAGE_SIZE } from '$lib/server/usage/queries';
import { pageOf } from '$lib/server/usage/schema';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** The organisation's use figures (counts only, small ones hidden) and one page of its groups. */
export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	const page = pageOf(url);
	const usage = await organisationUsage(locals.db, actor, page);
	return { ...usage, page, pageSize: USAGE_GROUPS_PAGE_SIZE };
}) satisfies PageServerLoad;
