import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { answerPractice } from '$lib/server/calendar/home-practice/commands';
import { currentPractice } from '$lib/server/calendar/home-practice/queries';
import { answerInput } from '$lib/server/calendar/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { getLocale } from '$lib/paraglide/runtime';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { participantPage } from '$lib/server/pages/shell';
import { answeredAction } from '$lib/server/route';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ locals }, actor) => {
		return { practice: await currentPractice(locals.db, actor, getLocale()), formKey: newFormKey() };
	});

/** The page's Dutch field names for the schema's English keys. */
const answerFields = namedFields(answerInput, { practiceId: 'opdracht', answer: 'antwoord' });

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(answerFields, form);
		if (!parsed.ok) return fail(400, { values: parsed.values, error: parsed.errors.antwoord ?? 'invalid' });
		const { practiceId, answer } = parsed.data;
		const sent = formKey(form);
		if (!sent) return fail(400, { values: { antwoord: answer }, error: 'form_key' });
		const result = await answerPractice(locals.db, actor, practiceId, answer, sent.key);
		if (result === 'not_a_choice')
			return fail(400, { values: { antwoord: answer }, error: 'answer_required' });
		redirect(303, '/thuisopdracht?opgeslagen');
	})
};
