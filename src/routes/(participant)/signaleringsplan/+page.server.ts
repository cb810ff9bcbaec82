import { fail } from '@sveltejs/kit';
import { firstOpenStep, PLAN_STEPS } from '$lib/domain/plan';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { setPlanReview } from '$lib/server/workbook/plan/commands';
import { ownPlan } from '$lib/server/workbook/plan/queries';
import { planForms } from '$lib/server/workbook/plan/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const plan = await ownPlan(locals.db, actor);
		return {
			plan,
			// "Verder": the first screen without an answer, or the first screen to look at again.
			resume: (firstOpenStep(plan.content) ?? PLAN_STEPS[0]!).key,
			saved: event.url.searchParams.has('bewaard')
		};
	})
) satisfies PageServerLoad;

const reviewForm = planForms.review;

export const actions: Actions = {
	review: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(reviewForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await setPlanReview(locals.db, actor, parsed.data.months);
		return { reviewSaved: true };
	})
};
