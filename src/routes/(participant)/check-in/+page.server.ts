import { fail, redirect } from '@sveltejs/kit';
import { isCheckInQuestion } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { checkInContext, saveAnswer, submitCheckIn } from '$lib/server/goals/check-in';
import type { Actions, PageServerLoad } from './$types';

/** The form value of the "send your check-in" screen. */
const SEND = 'versturen';
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
	/**
	 * One screen's answer; the last one sends the check-in in the same transaction. "versturen" sends
	 * a complete draft that was not sent (interrupted between its last answer and its submission).
	 */
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const question = String(form.get('vraag') ?? '');
		const answer = form.get('antwoord');
		if (question === SEND) {
			const result = await submitCheckIn(actor, String(form.get('sleutel') ?? ''));
			if (result === 'too_late') return fail(400, { question, error: 'too_late' as const, answer: '' });
			redirect(303, '/check-in');
		}
		if (!isCheckInQuestion(question)) return fail(400, { question, error: 'choice' as const, answer: '' });
		const saved = await saveAnswer(actor, question, typeof answer === 'string' ? answer : null);
		if (!saved.ok) {
			// Sent twice, or already done: the check-in is in, nothing more to do.
			if (saved.error === 'done') redirect(303, '/check-in');
			if (saved.error === 'not_now' || saved.error === 'no_week') redirect(303, '/check-in');
			return fail(400, { question, error: saved.error, answer: typeof answer === 'string' ? answer : '' });
		}
		redirect(303, '/check-in');
	}
};
