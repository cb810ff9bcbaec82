import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { parseForm } from '$lib/server/forms';
import { addStep, changeGoal, goalsOf, makeCurrentGoal } from '$lib/server/goals/goals';
import { changeGoalInput, newStepInput } from '$lib/server/goals/schema';
import { upcomingWeeks } from '$lib/server/goals/weeks';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ params }, actor) => {
		requireUuidParams(params);
		const found = await goalsOf(actor, actor.personId);
		const goal = found?.goals.find((candidate) => candidate.id === params.doel);
		if (!found || !goal) error(404, 'Not Found');
		return {
			goal,
			weeks: found.scope.group ? upcomingWeeks(found.scope.group, new Date(), 8) : [],
			formKey: newFormKey()
		};
	});

export const actions: Actions = {
	change: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(changeGoalInput, form);
		if (!parsed.ok) return fail(400, { change: parsed.values, errors: parsed.errors });
		const values = { wijziging: parsed.data.wijziging, doel: parsed.data.doel, reden: parsed.data.reden };
		const sent = formKey(form);
		if (!sent) return fail(400, { change: values, errors: { form: 'form_key' } });
		const result = await changeGoal(actor, params.doel, {
			change: parsed.data.wijziging,
			text: parsed.data.doel,
			reason: parsed.data.reden,
			key: sent.key
		});
		if (result === 'not-found') error(404, 'Not Found');
		if (result !== 'done') return fail(400, { change: values, errors: { wijziging: 'invalid' } });
		redirect(303, '/doel');
	},
	step: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(newStepInput, form);
		if (!parsed.ok) return fail(400, { step: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				step: { stap: parsed.data.stap, week: parsed.data.week ?? '' },
				errors: { form: 'form_key' }
			});
		const id = await addStep(actor, params.doel, {
			text: parsed.data.stap,
			targetWeek: parsed.data.week,
			key: sent.key
		});
		if (!id) error(404, 'Not Found');
		redirect(303, '/doel');
	},
	current: async ({ locals, url, params, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const sent = formKey(await request.formData());
		if (!sent) return fail(400, { errors: { form: 'form_key' } });
		const result = await makeCurrentGoal(actor, params.doel, undefined, sent.key);
		if (result === 'not-found') error(404, 'Not Found');
		redirect(303, '/doel');
	}
};
