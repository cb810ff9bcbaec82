import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { CheckInQuestion } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { checkInContext, saveAnswer, submitCheckIn } from '$lib/server/goals/check-in';
import { checkInInput } from '$lib/server/goals/schema';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/**
 * The questions as the page names them (the form's `vraag`), onto the check-in's own; "versturen" is
 * the "send your check-in" screen.
 */
const QUESTION_OF_FIELD = {
	gewerkt: 'worked',
	dichtbij: 'closeness',
	bespreken: 'bringUp',
	stap: 'step',
	'nieuwe-stap': 'newStep',
	versturen: 'send'
} as const satisfies Record<string, CheckInQuestion | 'send'>;
type QuestionField = keyof typeof QUESTION_OF_FIELD;
const FIELD_OF_QUESTION = Object.fromEntries(
	Object.entries(QUESTION_OF_FIELD).map(([field, question]) => [question, field])
) as Record<CheckInQuestion, QuestionField>;

/** The check-in form: Dutch field names and question names translated into the check-in's input. */
const checkInForm = z
	.object({ vraag: z.string().optional(), antwoord: z.string().optional(), sleutel: z.string().optional() })
	.transform(({ vraag = '', antwoord, sleutel }) => ({
		question: QUESTION_OF_FIELD[vraag as QuestionField] ?? vraag,
		...(antwoord === undefined ? {} : { answer: antwoord }),
		...(sleutel === undefined ? {} : { key: sleutel })
	}))
	.pipe(checkInInput);

/** The draft's answers under the page's question names. */
function answersForPage(answers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(answers).map(([question, answer]) => [
			FIELD_OF_QUESTION[question as CheckInQuestion] ?? question,
			answer
		])
	);
}

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const context = await checkInContext(locals.db, actor);
		if (!context) return { state: 'none' as const };
		return {
			state: context.done ? ('done' as const) : ('open' as const),
			question: context.next && FIELD_OF_QUESTION[context.next],
			answers: answersForPage(context.answers),
			weekStart: context.weekStart,
			goal: context.goal?.text ?? null,
			step: context.step?.text ?? null,
			key: context.idempotencyKey
		};
	})
) satisfies PageServerLoad;

export const actions = {
	/**
	 * One screen's answer; the last one sends the check-in in the same command. "versturen" sends a
	 * complete draft that was not sent (interrupted between its last answer and its submission).
	 */
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(checkInForm, await request.formData());
		if (!parsed.ok) {
			const error = parsed.errors.antwoord ?? 'choice';
			return fail(400, { question: parsed.values.vraag ?? '', error, answer: '' });
		}
		const { question, answer, key } = parsed.data;
		if (question === 'send') {
			const result = await submitCheckIn(locals.db, actor, key ?? '');
			if (result === 'too_late')
				return fail(400, { question: 'versturen', error: 'too_late' as const, answer: '' });
			redirect(303, '/check-in');
		}
		const saved = await saveAnswer(locals.db, actor, question, answer ?? null);
		if (!saved.ok) {
			// Sent twice, or already done, or not this screen's turn: the page shows where things are.
			if (saved.error === 'done' || saved.error === 'not_now' || saved.error === 'no_week')
				redirect(303, '/check-in');
			return fail(400, { question: FIELD_OF_QUESTION[question], error: saved.error, answer: answer ?? '' });
		}
		redirect(303, '/check-in');
	})
} satisfies Actions;
