import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { completeOwn, ownMeasure, progressOf } from '$lib/server/measures/responses';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** Before sending: how many were answered, a required one still open, and "send". */
export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const own = await ownMeasure(locals.db, actor);
		if (!own.moment || !own.definition) redirect(303, '/vragenlijst');
		if (own.response?.status === 'completed') redirect(303, '/vragenlijst/uitkomst');
		const progress = progressOf(own.definition, own.response?.answers ?? {});
		return {
			answered: progress.answered,
			asked: progress.asked,
			firstMissingRequired:
				progress.missingRequired[0] === undefined ? null : progress.missingRequired[0] + 1,
			firstOpen: progress.firstOpen === null ? null : progress.firstOpen + 1
		};
	})
) satisfies PageServerLoad;

export const actions: Actions = {
	default: answeredAction(async ({ locals, url }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		await completeOwn(locals.db, actor);
		redirect(303, '/vragenlijst/uitkomst?verstuurd');
	})
};
