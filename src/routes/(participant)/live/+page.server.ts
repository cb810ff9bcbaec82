import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, sentValues, type FormErrors } from '$lib/server/forms';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { answerPrompt } from '$lib/server/live/commands';
import { liveForParticipant } from '$lib/server/live/queries';
import { answerInput } from '$lib/server/live/schema';
import { participantPage } from '$lib/server/pages/shell';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ locals }, actor) => ({
		...(await liveForParticipant(locals.db, actor)),
		formKey: newFormKey()
	}));

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(answerInput, form);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent)
			return fail(400, { values: sentValues(form).values, errors: { form: 'form_key' } as FormErrors });
		await answerPrompt(locals.db, actor, parsed.data.promptId, parsed.data.answer, sent.key);
		redirect(303, '/live?opgeslagen');
	})
};
