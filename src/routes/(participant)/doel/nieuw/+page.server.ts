import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { LIFE_AREAS } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { namedFields } from '$lib/server/form-fields';
import { createGoal } from '$lib/server/goals/commands';
import { newGoalInput } from '$lib/server/goals/schema';
import { upcomingWeeks } from '$lib/server/goals/weeks';
import { participantGroup } from '$lib/server/groups/queries';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The wizard's questions, one per screen; earlier answers travel along as hidden fields. */
const QUESTIONS = ['gebied', 'doel', 'waarom', 'stap', 'week'] as const;
type Question = (typeof QUESTIONS)[number];
/** The questions' field names, onto the new goal's keys. */
const GOAL_FIELDS = { lifeArea: 'gebied', text: 'doel', why: 'waarom', step: 'stap', week: 'week' } as const;

/** Where the wizard is and what it holds so far (checked later, all at once, by newGoalInput). */
const wizardForm = z.object({
	vraag: z.enum(QUESTIONS).catch('gebied'),
	ga: z.string().optional(),
	...Object.fromEntries(QUESTIONS.map((question) => [question, z.string().optional()]))
});

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async (_event, actor) => {
		const found = await participantGroup(event.locals.db, actor);
		return {
			areas: LIFE_AREAS,
			weeks: found ? upcomingWeeks(found.group, new Date(), 8) : [],
			formKey: newFormKey()
		};
	})
) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const wizard = parseForm(wizardForm, form);
		// Characters no field can hold: the first question holding them is shown again.
		if (!wizard.ok) {
			const wrong = QUESTIONS.find((question) => wizard.errors[question]) ?? 'gebied';
			return fail(400, { question: wrong, values: wizard.values, errors: wizard.errors });
		}
		const current = wizard.data.vraag;
		const values: Record<string, string> = {};
		for (const question of QUESTIONS) {
			const value = (wizard.data as Partial<Record<Question, string>>)[question];
			if (value !== undefined) values[question] = value;
		}
		const index = QUESTIONS.indexOf(current);
		if (wizard.data.ga === 'terug')
			return { question: QUESTIONS[Math.max(0, index - 1)] as Question, values };
		// Check what is answered so far; the first question with a problem is shown again.
		const parsed = parseForm(namedFields(newGoalInput, GOAL_FIELDS), new URLSearchParams(values));
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
		await createGoal(locals.db, actor, actor.personId, {
			lifeArea: parsed.data.lifeArea,
			text: parsed.data.text,
			why: parsed.data.why,
			step: parsed.data.step || undefined,
			targetWeek: parsed.data.step ? parsed.data.week : null,
			key: sent.key
		});
		redirect(303, '/doel?nieuw');
	})
} satisfies Actions;
