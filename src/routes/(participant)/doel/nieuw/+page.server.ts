import { fail, redirect } from '@sveltejs/kit';
import { LIFE_AREAS } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { createGoal } from '$lib/server/goals/goals';
import { newGoalInput } from '$lib/server/goals/schema';
import { upcomingWeeks } from '$lib/server/goals/weeks';
import { participantGroup } from '$lib/server/groups/queries';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

/** The wizard's questions, one per screen; earlier answers travel along as hidden fields. */
const QUESTIONS = ['gebied', 'doel', 'waarom', 'stap', 'week'] as const;
type Question = (typeof QUESTIONS)[number];

export const load: PageServerLoad = (event) =>
	participantPage(event, async (_event, actor) => {
		const found = await participantGroup(event.locals.db, actor);
		return {
			areas: LIFE_AREAS,
			weeks: found ? upcomingWeeks(found.group, new Date(), 8) : [],
			formKey: newFormKey()
		};
	});

function valuesOf(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const key of QUESTIONS) {
		const value = form.get(key);
		if (typeof value === 'string') values[key] = value;
	}
	return values;
}

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const values = valuesOf(form);
		const current = QUESTIONS.find((question) => question === form.get('vraag')) ?? 'gebied';
		const index = QUESTIONS.indexOf(current);
		if (form.get('ga') === 'terug')
			return { question: QUESTIONS[Math.max(0, index - 1)] as Question, values };
		// Check what is answered so far; the first question with a problem is shown again.
		const parsed = parseForm(newGoalInput, new URLSearchParams(values));
		if (!parsed.ok) {
			const wrong = QUESTIONS.find((question, at) => at <= index && parsed.errors[question]);
			if (wrong) return fail(400, { question: wrong, values, errors: parsed.errors });
		}
		// No step, no week to choose.
		const next = QUESTIONS[index + 1] === 'week' && !values.stap?.trim() ? undefined : QUESTIONS[index + 1];
		if (next) return { question: next, values };
		if (!parsed.ok) return fail(400, { question: current, values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent) return fail(400, { question: current, values, errors: { form: 'form_key' } });
		const id = await createGoal(actor, actor.personId, {
			lifeArea: parsed.data.gebied,
			text: parsed.data.doel,
			why: parsed.data.waarom,
			step: parsed.data.stap || undefined,
			targetWeek: parsed.data.stap ? parsed.data.week : null,
			key: sent.key
		});
		if (!id) return fail(403, { question: current, values, errors: { form: 'invalid' } });
		redirect(303, '/doel?nieuw');
	}
};
