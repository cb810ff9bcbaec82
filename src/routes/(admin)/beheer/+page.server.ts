import { requireArea } from '$lib/server/auth/guard';
import { organisationAttention } from '$lib/server/guidance/attention';
import { OVERVIEW_PAGE_SIZE, organisationOverview } from '$lib/server/groups/queries';
import { overviewView } from '$lib/server/groups/overview-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
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
};
