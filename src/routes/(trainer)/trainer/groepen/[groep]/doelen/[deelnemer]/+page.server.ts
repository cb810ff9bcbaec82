import { error, fail, redirect } from '@sveltejs/kit';
import { LIFE_AREAS } from '$lib/domain/goals';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { parseForm } from '$lib/server/forms';
import { chartView } from '$lib/server/goals/chart';
import { getLocale } from '$lib/paraglide/runtime';
import { addStep, createGoal } from '$lib/server/goals/goals';
import { newGoalInput, newStepInput } from '$lib/server/goals/schema';
import { participantGoalsForTrainer } from '$lib/server/goals/trainer';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const found = await participantGoalsForTrainer(actor, params.groep, params.deelnemer);
	if (!found) error(404, 'Not Found');
	return {
		...found,
		chart: chartView(found.checkIns, getLocale()),
		areas: LIFE_AREAS,
		formKey: newFormKey()
	};
};

export const actions: Actions = {
	/** A goal written with the participant, shown to them as "added by" this trainer. */
	goal: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const found = await participantGoalsForTrainer(actor, params.groep, params.deelnemer);
		if (!found) error(404, 'Not Found');
		const form = await request.formData();
		const parsed = parseForm(newGoalInput, form);
		if (!parsed.ok) return fail(400, { goal: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				goal: { ...parsed.data, week: parsed.data.week ?? '' },
				errors: { form: 'form_key' }
			});
		await createGoal(actor, params.deelnemer, {
			lifeArea: parsed.data.gebied,
			text: parsed.data.doel,
			why: parsed.data.waarom,
			step: parsed.data.stap || undefined,
			targetWeek: parsed.data.stap ? parsed.data.week : null,
			key: sent.key
		});
		redirect(303, url.pathname + '?opgeslagen');
	},
	step: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const found = await participantGoalsForTrainer(actor, params.groep, params.deelnemer);
		if (!found) error(404, 'Not Found');
		const form = await request.formData();
		const goalId = String(form.get('doelId') ?? '');
		if (!found.goals.some((goal) => goal.id === goalId)) error(404, 'Not Found');
		const parsed = parseForm(newStepInput, form);
		if (!parsed.ok) return fail(400, { step: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent) return fail(400, { step: { stap: parsed.data.stap }, errors: { form: 'form_key' } });
		const id = await addStep(actor, goalId, {
			text: parsed.data.stap,
			targetWeek: parsed.data.week,
			key: sent.key
		});
		if (!id) return fail(400, { step: { stap: parsed.data.stap }, errors: { stap: 'invalid' } });
		redirect(303, url.pathname + '?opgeslagen');
	}
};
