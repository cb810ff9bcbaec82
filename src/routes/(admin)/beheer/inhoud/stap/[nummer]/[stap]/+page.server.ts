import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { draftStep } from '$lib/server/curriculum/editing/queries';
import { setDraftStepVideo, updateDraftStep } from '$lib/server/curriculum/editing/commands';
import { renderMarkdown } from '$lib/server/curriculum/markdown';
import { moduleNumberParam, stepKeyParam } from '$lib/server/curriculum/params';
import { stepVideoInput } from '$lib/server/curriculum/schema';
import { organisationMedia } from '$lib/server/media/commands';
import { organisationVideo } from '$lib/server/media/queries';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { freeText, lineText } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, RequestEvent, PageServerLoadEvent } from './$types';

/** A step's texts in both languages; the page's Dutch field names are mapped onto the English keys. */
const stepTextsInput = namedFields(
	z.object({
		titleNl: lineText(120, { required: 'title_required' }),
		titleEn: lineText(120),
		bodyNl: freeText(5000, { required: 'body_required' }),
		bodyEn: freeText(5000),
		questionNl: freeText(300),
		questionEn: freeText(300)
	}),
	{
		titleNl: 'titel_nl',
		titleEn: 'titel_en',
		bodyNl: 'tekst_nl',
		bodyEn: 'tekst_en',
		questionNl: 'vraag_nl',
		questionEn: 'vraag_en'
	}
);

async function stepOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const actor = await requireArea(event.locals, event.url, 'admin');
	const number = moduleNumberParam(event.params.nummer);
	const key = stepKeyParam(event.params.stap);
	if (number === null || key === null) error(404, 'Not Found');
	return { actor, step: await draftStep(event.locals.db, actor, number, key) };
}

const stepVideoFields = namedFields(stepVideoInput, { mediaId: 'video' });

export const load = answered(async (event: PageServerLoadEvent) => {
	const { actor, step } = await stepOf(event);
	const locale = getLocale();
	return {
		step,
		// The organisation's videos to choose from, and the chosen one as participants will see it.
		videos: await organisationMedia(event.locals.db, actor, locale),
		video: step.mediaId
			? (await organisationVideo(event.locals.db, actor, step.mediaId, locale)).video
			: null,
		videoSaved: event.url.searchParams.has('video')
	};
}) satisfies PageServerLoad;

/** The form as sent, to show again with a preview or a message (nothing typed is lost). */
function valuesOf(form: FormData): Record<string, string> {
	return Object.fromEntries(
		['titel_nl', 'titel_en', 'tekst_nl', 'tekst_en', 'vraag_nl', 'vraag_en'].map((name) => [
			name,
			String(form.get(name) ?? '')
		])
	);
}

export const actions: Actions = {
	preview: answeredAction(async (event: RequestEvent) => {
		await stepOf(event);
		const values = valuesOf(await event.request.formData());
		return {
			values,
			preview: { nl: renderMarkdown(values.tekst_nl ?? ''), en: renderMarkdown(values.tekst_en ?? '') }
		};
	}),
	save: answeredAction(async (event: RequestEvent) => {
		const { actor, step } = await stepOf(event);
		const form = await event.request.formData();
		const parsed = parseForm(stepTextsInput, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: valuesOf(form) });
		const d = parsed.data;
		await updateDraftStep(event.locals.db, actor, step.moduleNumber, step.key, {
			title: { nl: d.titleNl, en: d.titleEn },
			body: { nl: d.bodyNl, en: d.bodyEn },
			question: step.question ? { nl: d.questionNl || step.question.nl, en: d.questionEn } : null
		});
		return { saved: step.draftNumber };
	}),
	/** Shows one of the organisation's videos in the step, or none; back to the step's video. */
	video: answeredAction(async (event: RequestEvent) => {
		const { actor, step } = await stepOf(event);
		const parsed = parseForm(stepVideoFields, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await setDraftStepVideo(event.locals.db, actor, step.moduleNumber, step.key, parsed.data.mediaId);
		redirect(303, `${event.url.pathname}?video=opgeslagen#video`);
	})
};
