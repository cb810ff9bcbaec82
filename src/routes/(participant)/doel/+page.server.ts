import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { chartView } from '$lib/server/goals/chart';
import { chartPointsOf, checkInHistory } from '$lib/server/goals/check-in';
import { finishStep } from '$lib/server/goals/commands';
import { goalsOf } from '$lib/server/goals/queries';
import { stepDoneInput } from '$lib/server/goals/schema';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const [found, history] = await Promise.all([
			goalsOf(locals.db, actor, actor.personId),
			checkInHistory(locals.db, actor.personId, 12)
		]);
		const points = chartPointsOf(history);
		return {
			goals: found.goals,
			chart: points.length > 0 ? chartView(points, getLocale()) : null,
			formKey: newFormKey()
		};
	})
) satisfies PageServerLoad;

export const actions = {
	stepDone: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(namedFields(stepDoneInput, { step: 'stap' }), form);
		if (!parsed.ok) return fail(400, { error: 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { error: 'form_key' });
		const result = await finishStep(locals.db, actor, parsed.data.step, sent.key);
		if (result !== 'done') return fail(400, { error: 'invalid' });
		return { stepDone: true };
	})
} satisfies Actions;
