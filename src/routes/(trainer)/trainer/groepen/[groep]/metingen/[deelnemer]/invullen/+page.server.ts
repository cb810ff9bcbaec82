import { error, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { clinicianMeasure, saveClinician } from '$lib/server/measures/responses';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The moment in `?moment=` (months), or null for the one open now; a 404 for anything else. */
function momentOf(url: URL): number | null {
	const value = url.searchParams.get('moment');
	if (value === null) return null;
	if (!/^\d{1,2}$/.test(value)) error(404, 'Not Found');
	return Number(value);
}

/** The clinician version of the IMR Scale about one participant, on one page (logged when opened). */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const measure = await clinicianMeasure(locals.db, actor, params.groep, params.deelnemer, momentOf(url));
	const questionnaire = measure.definition.questionnaire;
	return {
		groupId: params.groep,
		participantId: params.deelnemer,
		name: measure.participantName,
		moment: measure.moment.moment,
		title: questionnaire.title,
		intro: questionnaire.description,
		ownWording: questionnaire.ownWording,
		items: questionnaire.items.map((item) => ({
			linkId: item.linkId,
			type: item.type,
			text: item.text,
			required: item.required,
			options: item.options.map((option) => ({ code: option.code, display: option.display }))
		})),
		answers: measure.response?.answers ?? {},
		done: measure.response?.status === 'completed',
		saved: url.searchParams.has('bewaard')
	};
}) satisfies PageServerLoad;

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const measure = await clinicianMeasure(locals.db, actor, params.groep, params.deelnemer, momentOf(url));
		const given: Record<string, string> = {};
		for (const item of measure.definition.questionnaire.items) {
			const value = form.get(`vraag-${item.linkId}`);
			if (typeof value === 'string' && value !== '') given[item.linkId] = value;
		}
		const done = form.get('klaar') === 'ja';
		await saveClinician(locals.db, actor, measure, params.deelnemer, given, done);
		const base = `/trainer/groepen/${params.groep}/metingen/${params.deelnemer}`;
		redirect(303, done ? base : `${base}/invullen?moment=${measure.moment.moment}&bewaard`);
	})
};
