import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { chartView } from '$lib/server/goals/chart';
import { chartPointsOf, checkInHistory } from '$lib/server/goals/check-in';
import { getLocale } from '$lib/paraglide/runtime';
import { finishStep, goalsOf } from '$lib/server/goals/goals';
import { parseForm } from '$lib/server/forms';
import { uuid } from '$lib/server/input';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async (_event, actor) => {
		const found = await goalsOf(actor, actor.personId);
		if (!found) error(404, 'Not Found');
		const history = await checkInHistory(event.locals.db, actor.personId, 12);
		const points = chartPointsOf(history);
		return {
			goals: found.goals,
			chart: points.length > 0 ? chartView(points, getLocale()) : null,
			formKey: newFormKey()
		};
	});

const stepDoneInput = z.object({ stap: uuid('invalid') });

export const actions: Actions = {
	stepDone: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(stepDoneInput, form);
		if (!parsed.ok) return fail(400, { error: 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { error: 'form_key' });
		const result = await finishStep(actor, parsed.data.stap, undefined, sent.key);
		if (result === 'not-found') return fail(404, { error: 'invalid' });
		if (result !== 'done') return fail(400, { error: 'invalid' });
		return { stepDone: true };
	}
};
