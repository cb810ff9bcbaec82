import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { markTourSeen, TOUR_SCREENS } from '$lib/server/guidance/tour';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = answered((event) =>
	participantPage(event, async ({ url }) => {
		const asked = Number(url.searchParams.get('scherm') ?? '1');
		const screen = Number.isInteger(asked) && asked >= 1 && asked <= TOUR_SCREENS ? asked : 1;
		return { screen, screens: TOUR_SCREENS };
	})
);

export const actions: Actions = {
	/** Finished or skipped: either way, the overview stops sending the participant here. */
	default: answeredAction(async ({ locals, url }) => {
		const actor = await requireArea(locals, url, 'participant');
		await markTourSeen(locals.db, actor);
		redirect(303, '/');
	})
};
