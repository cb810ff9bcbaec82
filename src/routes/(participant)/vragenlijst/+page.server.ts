import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { ownMeasure, restartOwn, startOwn } from '$lib/server/measures/responses';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The questionnaire's start: how it works, then begin, or go on where one was, or begin again. */
export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const own = await ownMeasure(locals.db, actor);
		const questionnaire = own.definition?.questionnaire ?? null;
		return {
			moment: own.moment ? { moment: own.moment.moment, closes: own.moment.closes } : null,
			title: questionnaire?.title ?? null,
			intro: questionnaire?.description ?? null,
			ownWording: questionnaire?.ownWording ?? false,
			status: own.response?.status ?? null,
			answered: Object.keys(own.response?.answers ?? {}).length,
			resumeAt: (own.response?.position ?? 0) + 1,
			confirmRestart: url.searchParams.has('opnieuw')
		};
	})
) satisfies PageServerLoad;

export const actions: Actions = {
	begin: answeredAction(async ({ locals, url }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		await startOwn(locals.db, actor);
		redirect(303, '/vragenlijst/1');
	}),
	opnieuw: answeredAction(async ({ locals, url }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		await restartOwn(locals.db, actor);
		redirect(303, '/vragenlijst/1');
	})
};
