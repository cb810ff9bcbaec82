/**
 * Form inputs of the fidelity self-assessment (zod; error keys are translated in $lib/form-errors).
 * The page's fields: `van`/`tot` for a new assessment's period; per item `score_<item>` (1–5, empty
 * for "not scored", or `voorstel` to take Herstelpad's proposal over) and `notitie_<item>`; and
 * `actie` (`opslaan` or `afronden`).
 */
import { z } from 'zod';
import { FIDELITY_ITEMS, type FidelityItem, type FidelityScore } from '$lib/domain/fidelity';
import { calendarDay } from '../../forms';
import { freeText } from '../../input';

/** The longest note on one item: a few sentences. */
export const FIDELITY_NOTE_MAX = 1000;

/** A new assessment's period; the end may not lie before the start. */
export const startInput = z
	.object({ periodStart: calendarDay, periodEnd: calendarDay })
	.refine((value) => value.periodEnd >= value.periodStart, {
		message: 'period_reversed',
		path: ['periodEnd']
	});

/** What one item's radio buttons send: a score, nothing (not scored), or the proposal taken over. */
export type ScoreChoice = FidelityScore | null | 'proposal';

const scoreChoice = z
	.enum(['', '1', '2', '3', '4', '5', 'voorstel'], { error: 'invalid' })
	.optional()
	.transform((value): ScoreChoice => {
		if (value === undefined || value === '') return null;
		if (value === 'voorstel') return 'proposal';
		return Number(value) as FidelityScore;
	});

/** One item as the form sent it. */
export interface ItemInput {
	item: FidelityItem;
	choice: ScoreChoice;
	note: string;
}

export const scoreField = (item: FidelityItem) => `score_${item}`;
export const noteField = (item: FidelityItem) => `notitie_${item}`;

/** All 13 items and what to do: save the draft, or save and finalise it. */
export const saveInput = z
	.object({
		actie: z.enum(['opslaan', 'afronden'], { error: 'invalid' }).catch('opslaan'),
		...Object.fromEntries(
			FIDELITY_ITEMS.flatMap((item) => [
				[scoreField(item), scoreChoice],
				[noteField(item), freeText(FIDELITY_NOTE_MAX)]
			])
		)
	})
	.transform((form) => {
		const fields = form as Record<string, unknown>;
		return {
			finalise: form.actie === 'afronden',
			items: FIDELITY_ITEMS.map((item): ItemInput => ({
				item,
				choice: fields[scoreField(item)] as ScoreChoice,
				note: fields[noteField(item)] as string
			}))
		};
	});
export type SaveInput = z.output<typeof saveInput>;
