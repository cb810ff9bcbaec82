import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { markTourSeen } from '$lib/server/guidance/tour/commands';
import { TOUR_SCREENS } from '$lib/server/guidance/tour/queries';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ url }) => {
		const asked = Number(url.searchParams.get('scherm') ?? '1');
		const screen = Number.isInteger(asked) && asked >= 1 && asked <= TOUR_SCREENS ? asked : 1;
		return { screen, screens: TOUR_SCREENS };
	})
) satisfies PageServerLoad;

export const actions = {
	/** Finished or skipped: either way, the overview stops sending the participant here. */
	default: answeredAction(async ({ locals, url }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		await markTourSeen(locals.db, actor);
		redirect(303, '/');
	})
} satisfies Actions;
