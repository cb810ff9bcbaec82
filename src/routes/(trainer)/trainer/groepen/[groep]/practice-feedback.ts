/**
 * The trainer's feedback on one home-practice answer, the same form action on the session page and
 * on the preparation page (where waiting answers are flagged): back to the same page at that answer.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { giveFeedback } from '$lib/server/calendar/home-practice/commands';
import { feedbackInput } from '$lib/server/calendar/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { formKey } from '$lib/server/idempotency';
import { requireUuidParams } from '$lib/server/input';
import { answeredAction } from '$lib/server/route';

const feedbackFields = namedFields(feedbackInput, {
	practiceId: 'opdracht',
	participantId: 'deelnemer',
	feedback: 'feedback'
});

export const feedbackAction = answeredAction(
	async ({ locals, url, request, params }: RequestEvent<{ groep: string }>) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(feedbackFields, form);
		if (!parsed.ok)
			return fail(400, {
				feedbackFor: parsed.values.deelnemer ?? '',
				values: parsed.values,
				errors: parsed.errors
			});
		const { practiceId, participantId, feedback } = parsed.data;
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				feedbackFor: participantId,
				values: { feedback },
				errors: { feedback: 'form_key' }
			});
		await giveFeedback(locals.db, actor, params.groep, practiceId, participantId, feedback, sent.key);
		// Back to the page with its own query (the preparation page's chosen session) and the notice;
		// never the action's name ("?/feedback") in the address bar.
		const sessie = url.searchParams.get('sessie');
		const query = sessie ? `sessie=${encodeURIComponent(sessie)}&feedback` : 'feedback';
		redirect(303, `${url.pathname}?${query}#answer-${participantId}`);
	}
);
