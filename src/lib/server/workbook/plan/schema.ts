/**
 * Form inputs of the relapse-prevention plan (zod; error keys are translated in $lib/form-errors).
 * English keys: the routes map their Dutch field names onto them.
 */
import { z } from 'zod';
import { PLAN_ANSWER_MAX, PLAN_CONTACT_MAX } from '$lib/domain/plan';
import { namedFields } from '../../form-fields';
import { freeText, lineText } from '../../input';

/** One screen's answer: a text, or (the "whom to call" screen) three lines. */
export const planAnswerInput = z.object({
	text: freeText(PLAN_ANSWER_MAX, { tooLong: 'plan_answer_too_long' }).optional(),
	careTeam: lineText(PLAN_CONTACT_MAX, { tooLong: 'plan_contact_too_long' }).optional(),
	gp: lineText(PLAN_CONTACT_MAX, { tooLong: 'plan_contact_too_long' }).optional(),
	other: lineText(PLAN_CONTACT_MAX, { tooLong: 'plan_contact_too_long' }).optional()
});
export type PlanAnswerInput = z.infer<typeof planAnswerInput>;

/** The review reminder: after how many months (1–24). */
export const planReviewInput = z.object({
	months: z.coerce
		.number({ error: 'plan_review_months' })
		.int('plan_review_months')
		.min(1, 'plan_review_months')
		.max(24, 'plan_review_months')
});

/** The care-team switch: the form says which way, so sending it twice changes nothing the second time. */
export const careTeamSharingInput = z.object({
	on: z.enum(['ja', 'nee'], { error: 'invalid' }).transform((value) => value === 'ja')
});

/** The plan's forms under the pages' Dutch field names. */
export const planForms = {
	answer: namedFields(planAnswerInput, {
		text: 'antwoord',
		careTeam: 'begeleiding',
		gp: 'huisarts',
		other: 'ander'
	}),
	review: namedFields(planReviewInput, { months: 'maanden' }),
	careTeam: namedFields(careTeamSharingInput, { on: 'begeleiding' })
};
