import { fail, redirect } from '@sveltejs/kit';
import { LIFE_AREAS } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { chartView } from '$lib/server/goals/chart';
import { getLocale } from '$lib/paraglide/runtime';
import { addStep, createGoal } from '$lib/server/goals/commands';
import { newGoalInput, trainerStepInput } from '$lib/server/goals/schema';
import { participantGoalsForTrainer } from '$lib/server/goals/trainer';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The forms' field names, onto the goal inputs' keys. */
const GOAL_FIELDS = { lifeArea: 'gebied', text: 'doel', why: 'waarom', step: 'stap', week: 'week' } as const;
const STEP_FIELDS = { goal: 'doelId', text: 'stap', week: 'week' } as const;

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const found = await participantGoalsForTrainer(locals.db, actor, params.groep, params.deelnemer);
	return {
		...found,
		chart: chartView(found.checkIns, getLocale()),
		areas: LIFE_AREAS,
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

export const actions = {
	/** A goal written with the participant, shown to them as "added by" this trainer. */
	goal: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(namedFields(newGoalInput, GOAL_FIELDS), form);
		if (!parsed.ok) return fail(400, { goal: parsed.values, errors: parsed.errors });
		const { lifeArea, text, why, step, week } = parsed.data;
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				goal: { gebied: lifeArea, doel: text, waarom: why, stap: step, week: week ?? '' },
				errors: { form: 'form_key' }
			});
		await createGoal(
			locals.db,
			actor,
			params.deelnemer,
			{ lifeArea, text, why, step: step || undefined, targetWeek: step ? week : null, key: sent.key },
			{ inGroup: { groupId: params.groep } }
		);
		redirect(303, url.pathname + '?opgeslagen');
	}),
	step: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(namedFields(trainerStepInput, STEP_FIELDS), form);
		if (!parsed.ok) return fail(400, { step: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent) return fail(400, { step: { stap: parsed.data.text }, errors: { form: 'form_key' } });
		const id = await addStep(
			locals.db,
			actor,
			parsed.data.goal,
			{ text: parsed.data.text, targetWeek: parsed.data.week, key: sent.key },
			{ of: { groupId: params.groep, participantId: params.deelnemer } }
		);
		if (!id) return fail(400, { step: { stap: parsed.data.text }, errors: { stap: 'invalid' } });
		redirect(303, url.pathname + '?opgeslagen');
	})
} satisfies Actions;
