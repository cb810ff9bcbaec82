import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { enterPaperAnswer } from '$lib/server/curriculum/paper/commands';
import { paperAnswerSheet } from '$lib/server/curriculum/paper/queries';
import { paperAnswerInput } from '$lib/server/curriculum/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const FIELDS = { moduleNumber: 'module', stepKey: 'stap', answer: 'antwoord' } as const;

/** The questions of the participant's open modules, to type in their answers from paper. */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return paperAnswerSheet(locals.db, actor, params.groep, params.deelnemer, getLocale());
}) satisfies PageServerLoad;

export const actions = {
	/** One answer, typed in on the participant's behalf ("ingevuld door" this trainer). */
	save: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(namedFields(paperAnswerInput, FIELDS), form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const { moduleNumber, stepKey, answer } = parsed.data;
		await enterPaperAnswer(locals.db, actor, params.groep, params.deelnemer, {
			moduleNumber,
			stepKey,
			answer
		});
		redirect(303, `${url.pathname}?opgeslagen=${moduleNumber}/${stepKey}#stap-${moduleNumber}-${stepKey}`);
	})
} satisfies Actions;
