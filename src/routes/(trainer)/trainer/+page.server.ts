import { nextMeeting } from '$lib/domain/schedule';
import { requireArea } from '$lib/server/auth/guard';
import { trainerGroups } from '$lib/server/groups/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const groups = await trainerGroups(actor);
	const now = new Date();
	return { groups: groups.map((group) => ({ ...group, next: nextMeeting(group, now) })) };
};
