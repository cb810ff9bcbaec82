import { requireArea } from '$lib/server/auth/guard';
import { participantOverview } from '$lib/server/goals/overview';
import { nextSession, participantGroup } from '$lib/server/groups/queries';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'participant');
	const found = await participantGroup(actor);
	const next = found && nextSession(found.group, new Date());
	return {
		name: actor.displayName,
		overview: found ? await participantOverview(actor, getLocale()) : null,
		group: found && {
			name: found.group.name,
			location: found.group.location,
			next
		}
	};
};
