import { requireArea } from '$lib/server/auth/guard';
import { organisationOverview } from '$lib/server/groups/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	return { overview: await organisationOverview(actor) };
};
