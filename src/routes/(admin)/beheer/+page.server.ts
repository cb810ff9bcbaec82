import { requireArea } from '$lib/server/auth/guard';
import { organisationAttention } from '$lib/server/guidance/attention/queries';
import { OVERVIEW_PAGE_SIZE, organisationOverview } from '$lib/server/groups/queries';
import { overviewView } from '$lib/server/groups/overview-view';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	const view = overviewView(url.searchParams);
	const overview = await organisationOverview(locals.db, actor, view);
	// Attention for the groups on this page only.
	const attention = await organisationAttention(
		locals.db,
		actor,
		undefined,
		overview.groups.map((group) => group.id)
	);
	return {
		view,
		pageSize: OVERVIEW_PAGE_SIZE,
		overview: {
			...overview,
			groups: overview.groups.map((group) => ({ ...group, attention: attention.get(group.id) ?? null }))
		}
	};
}) satisfies PageServerLoad;
