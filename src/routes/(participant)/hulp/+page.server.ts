import { requireArea } from '$lib/server/auth/guard';
import { participantGroup } from '$lib/server/groups/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'participant');
	const found = await participantGroup(actor);
	return { trainers: found?.trainers ?? [] };
};
