import { requireArea } from '$lib/server/auth/guard';
import { organisationAttention } from '$lib/server/guidance/attention';
import { organisationOverview } from '$lib/server/groups/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const [overview, attention] = await Promise.all([
		organisationOverview(actor),
		organisationAttention(actor)
	]);
	return {
		overview: {
			...overview,
			groups: overview.groups.map(({ calendar, ...group }) => ({
				...group,
				hasCalendar: calendar !== null && calendar !== undefined,
				attention: attention.get(group.id) ?? null
			}))
		}
	};
};
