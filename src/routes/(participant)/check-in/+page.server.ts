import { fail, redirect } from '@sveltejs/kit';
import { isCheckInQuestion } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { checkInContext, saveAnswer, submitCheckIn } from '$lib/server/goals/check-in';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async (_event, actor) => {
		const context = await checkInContext(actor);
		if (!context) return { state: 'none' as const };
		return {
			state: context.done ? ('done' as const) : ('open' as const),
			question: context.next,
			answers: context.answers,
			weekStart: context.weekStart,
			goal: context.goal?.text ?? null,
			step: context.step?.text ?? null,
			key: context.idempotencyKey
		};
	});

export const actions: Actions = {
	/** One screen's answer; after the last one the check-in is sent with its idempotency key. */
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const question = String(form.get('vraag') ?? '');
		const answer = form.get('antwoord');
		if (!isCheckInQuestion(question)) return fail(400, { question, error: 'choice' as const, answer: '' });
		const saved = await saveAnswer(actor, question, typeof answer === 'string' ? answer : null);
		if (!saved.ok) {
			// Sent twice, or already done: the check-in is in, nothing more to do.
			if (saved.error === 'done') redirect(303, '/check-in');
			if (saved.error === 'not_now' || saved.error === 'no_week') redirect(303, '/check-in');
			return fail(400, { question, error: saved.error, answer: typeof answer === 'string' ? answer : '' });
		}
		if (saved.next === null) {
			const context = await checkInContext(actor);
			const key = String(form.get('sleutel') ?? '') || context?.idempotencyKey || '';
			const result = await submitCheckIn(actor, key);
			if (result === 'too_late') return fail(400, { question, error: 'too_late' as const, answer: '' });
			if (result === 'incomplete' || result === 'no_week') redirect(303, '/check-in');
		}
		redirect(303, '/check-in');
	}
};
