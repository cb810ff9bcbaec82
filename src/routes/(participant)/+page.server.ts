import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { participantOverview } from '$lib/server/goals/overview';
import { nextSession, participantGroup } from '$lib/server/groups/queries';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'participant');
	const found = await participantGroup(actor);
	const overview = found ? await participantOverview(actor, getLocale()) : null;
	// The first visit starts with the short tour (skippable; replayed from Help).
	if (overview && !overview.tourSeen) redirect(303, '/rondleiding');
	return {
		name: actor.displayName,
		overview,
		group: found && {
			name: found.group.name,
			location: found.group.location,
			next: nextSession(found.group, new Date())
		}
	};
};
