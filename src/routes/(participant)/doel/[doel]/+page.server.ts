import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { addStep, changeGoal, makeCurrentGoal } from '$lib/server/goals/commands';
import { goalsOf } from '$lib/server/goals/queries';
import { changeGoalInput, newStepInput } from '$lib/server/goals/schema';
import { upcomingWeeks } from '$lib/server/goals/weeks';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The form's field names, onto the goal inputs' keys. */
const CHANGE_FIELDS = { change: 'wijziging', text: 'doel', reason: 'reden' } as const;
const STEP_FIELDS = { text: 'stap', week: 'week' } as const;

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ params, locals }, actor) => {
		requireUuidParams(params);
		const found = await goalsOf(locals.db, actor, actor.personId);
		const goal = found.goals.find((candidate) => candidate.id === params.doel);
		// Another's goal id is not theirs to see: the same answer as a goal that does not exist.
		if (!goal) error(404, 'Not Found');
		return {
			goal,
			weeks: found.scope.group ? upcomingWeeks(found.scope.group, new Date(), 8) : [],
			formKey: newFormKey()
		};
	})
) satisfies PageServerLoad;

export const actions = {
	change: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(namedFields(changeGoalInput, CHANGE_FIELDS), form);
		if (!parsed.ok) return fail(400, { change: parsed.values, errors: parsed.errors });
		const { change, text, reason } = parsed.data;
		const values = { wijziging: change, doel: text, reden: reason };
		const sent = formKey(form);
		if (!sent) return fail(400, { change: values, errors: { form: 'form_key' } });
		const result = await changeGoal(locals.db, actor, params.doel, { change, text, reason, key: sent.key });
		if (result !== 'done') return fail(400, { change: values, errors: { wijziging: 'invalid' } });
		redirect(303, '/doel');
	}),
	step: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(namedFields(newStepInput, STEP_FIELDS), form);
		if (!parsed.ok) return fail(400, { step: parsed.values, errors: parsed.errors });
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				step: { stap: parsed.data.text, week: parsed.data.week ?? '' },
				errors: { form: 'form_key' }
			});
		const id = await addStep(locals.db, actor, params.doel, {
			text: parsed.data.text,
			targetWeek: parsed.data.week,
			key: sent.key
		});
		if (!id)
			return fail(400, {
				step: { stap: parsed.data.text, week: parsed.data.week ?? '' },
				errors: { stap: 'invalid' }
			});
		redirect(303, '/doel');
	}),
	current: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const sent = formKey(await request.formData());
		if (!sent) return fail(400, { errors: { form: 'form_key' } });
		await makeCurrentGoal(locals.db, actor, params.doel, sent.key);
		redirect(303, '/doel');
	})
} satisfies Actions;
