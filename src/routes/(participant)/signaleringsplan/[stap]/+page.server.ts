import { error, fail, redirect } from '@sveltejs/kit';
import { answerOf, PLAN_STEPS, planStep } from '$lib/domain/plan';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { savePlanAnswer } from '$lib/server/workbook/plan/commands';
import { ownPlan } from '$lib/server/workbook/plan/queries';
import { planForms } from '$lib/server/workbook/plan/schema';
import { contactLabel, stepQuestion } from '$lib/plan-text';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The screen named in the URL, or a 404 for any other word. */
function stepOf(params: { stap: string }) {
	const found = planStep(params.stap);
	if (!found) error(404, 'Not Found');
	return found;
}

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, params }, actor) => {
		const { step, index } = stepOf(params);
		const plan = await ownPlan(locals.db, actor);
		return {
			step,
			index,
			// The screen's words come with the page (the plan's questions stay out of its JavaScript).
			text: {
				...stepQuestion(step),
				contacts: { careTeam: contactLabel.careTeam(), gp: contactLabel.gp(), other: contactLabel.other() },
				crisis: [m.plan_crisis_line(), m.plan_emergency()]
			},
			total: PLAN_STEPS.length,
			answer: step.kind === 'contacts' ? '' : answerOf(plan.content, step),
			contacts: plan.content.contacts,
			previous: PLAN_STEPS[index - 1]?.key ?? null,
			next: PLAN_STEPS[index + 1]?.key ?? null
		};
	})
) satisfies PageServerLoad;

const answerForm = planForms.answer;

/** Saves the screen's answer; "next" then goes on to the next screen (or the plan, after the last). */
async function save(event: RequestEvent) {
	const actor = await requireArea(event.locals, event.url, 'participant');
	const { step, index } = stepOf(event.params);
	const parsed = parseForm(answerForm, await event.request.formData());
	// Nothing typed is lost: the text comes back with the message.
	if (!parsed.ok) return { refused: fail(400, { errors: parsed.errors, values: parsed.values }) };
	await savePlanAnswer(event.locals.db, actor, step.key, parsed.data);
	return { next: PLAN_STEPS[index + 1]?.key ?? null };
}

export const actions: Actions = {
	save: answeredAction(async (event: RequestEvent) => {
		const result = await save(event);
		if ('refused' in result) return result.refused;
		return { saved: true };
	}),
	next: answeredAction(async (event: RequestEvent) => {
		const result = await save(event);
		if ('refused' in result) return result.refused;
		redirect(303, result.next ? `/signaleringsplan/${result.next}` : '/signaleringsplan?bewaard');
	})
};
