/**
 * Form inputs of the measures (zod; error keys are translated in $lib/form-errors). English keys; the
 * pages' Dutch field names are mapped in `measureForms`.
 */
import { z } from 'zod';
import { LIMITS } from '$lib/domain/measures/questionnaire';
import { parseMoments } from '$lib/domain/measures/schedule';
import { namedFields } from '../form-fields';
import { freeText, uuid } from '../input';

const optionCode = z
	.string()
	.trim()
	.max(LIMITS.code, 'measure_answer_invalid')
	.regex(/^[A-Za-z0-9._:/-]*$/, 'measure_answer_invalid');

/** One item's screen: the option chosen (none when skipping) and where to go. */
export const measureAnswerInput = z.object({
	code: optionCode.optional().transform((value) => (value ? value : null)),
	direction: z.enum(['volgende', 'terug', 'overslaan', 'bewaar'], { error: 'invalid' })
});

/** A group's measure settings: the moments as typed, and the definition per version (empty: the default). */
export const measurePlanInput = z.object({
	moments: z.string().transform((text, context) => {
		const result = parseMoments(text);
		if (result.ok) return result.moments;
		context.addIssue({ code: 'custom', message: result.problem });
		return z.NEVER;
	}),
	participantQuestionnaireId: z.union([z.literal(''), uuid()]).transform((value) => value || null),
	clinicianQuestionnaireId: z.union([z.literal(''), uuid()]).transform((value) => value || null)
});
export type MeasurePlanInput = z.infer<typeof measurePlanInput>;

/** A definition to import, pasted or uploaded as text. */
export const definitionInput = z.object({
	text: freeText(LIMITS.bytes, { tooLong: 'questionnaire_too_large' }).refine(
		(text) => text.trim().length > 0,
		'required'
	)
});

export const measureForms = {
	answer: namedFields(measureAnswerInput, { code: 'antwoord', direction: 'richting' }),
	plan: namedFields(measurePlanInput, {
		moments: 'momenten',
		participantQuestionnaireId: 'deelnemerversie',
		clinicianQuestionnaireId: 'begeleiderversie'
	}),
	definition: namedFields(definitionInput, { text: 'definitie' })
};
