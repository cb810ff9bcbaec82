/**
 * Inputs of the use figures (zod; error keys are translated in $lib/form-errors): the "why not?"
 * card's form (`onderdeel`, `antwoord`) and what the video player reports (`soort`).
 */
import { z } from 'zod';
import { REPORTED_KINDS, WHY_NOT_ALL_ANSWERS, WHY_NOT_COMPONENTS } from '$lib/domain/usage';
import { namedFields } from '../form-fields';

/** The card's form: a chosen answer, or the "Niet nu" button (which wins over a chosen answer). */
const whyNotInput = z
	.object({
		component: z.enum(WHY_NOT_COMPONENTS, { error: 'invalid' }),
		answer: z.enum(WHY_NOT_ALL_ANSWERS, { error: 'why_not_choose' }).optional(),
		notNow: z.string().max(10).optional()
	})
	.superRefine((value, context) => {
		if (!value.notNow && !value.answer)
			context.addIssue({ code: 'custom', message: 'why_not_choose', path: ['answer'] });
	})
	.transform((value) => ({
		component: value.component,
		answer: value.notNow ? ('not_now' as const) : value.answer!
	}));
export type WhyNotInput = z.output<typeof whyNotInput>;

const reportInput = z.object({ kind: z.enum(REPORTED_KINDS, { error: 'invalid' }) });

export const usageForms = {
	whyNot: namedFields(whyNotInput, { component: 'onderdeel', answer: 'antwoord', notNow: 'niet-nu' }),
	report: namedFields(reportInput, { kind: 'soort' })
};

/** The page of groups in `?pagina=` (0 = the first); anything else is the first. */
export function pageOf(url: URL): number {
	const value = url.searchParams.get('pagina');
	return value !== null && /^\d{1,5}$/.test(value) ? Number(value) : 0;
}
