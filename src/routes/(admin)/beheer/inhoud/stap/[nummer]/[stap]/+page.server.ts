import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { draftStep, updateDraftStep } from '$lib/server/curriculum/editing';
import { renderMarkdown } from '$lib/server/curriculum/markdown';
import { moduleNumberParam, stepKeyParam } from '$lib/server/curriculum/params';
import { parseForm } from '$lib/server/forms';
import { freeText, lineText } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, RequestEvent, PageServerLoadEvent } from './$types';

const stepTextsInput = z.object({
	titel_nl: lineText(120, { required: 'title_required' }),
	titel_en: lineText(120),
	tekst_nl: freeText(5000, { required: 'body_required' }),
	tekst_en: freeText(5000),
	vraag_nl: freeText(300),
	vraag_en: freeText(300)
});

async function stepOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const actor = await requireArea(event.locals, event.url, 'admin');
	const number = moduleNumberParam(event.params.nummer);
	const key = stepKeyParam(event.params.stap);
	if (number === null || key === null) error(404, 'Not Found');
	return { actor, step: await draftStep(event.locals.db, actor, number, key) };
}

export const load = answered(async (event: PageServerLoadEvent) => {
	const { step } = await stepOf(event);
	return { step };
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
			title: { nl: d.titel_nl, en: d.titel_en },
			body: { nl: d.tekst_nl, en: d.tekst_en },
			question: step.question ? { nl: d.vraag_nl || step.question.nl, en: d.vraag_en } : null
		});
		return { saved: step.draftNumber };
	})
};
