import { z } from 'zod';
import { normaliseLoginCode } from '$lib/domain/login-code';
import { uuid } from '../input';

/** Which participants get a card (a list field: the checkboxes "deelnemer", several values). */
export const issueCardsInput = z.object({
	participantIds: z.array(uuid('invalid'), 'none_selected').min(1, 'none_selected').max(200, 'invalid'),
	/** "ja" once the trainer agreed that older cards that still work stop. */
	confirmed: z
		.literal('ja', 'invalid')
		.optional()
		.transform((value) => value === 'ja')
});

/** The code a participant types or pastes (or brings in through the card's QR link). */
export const redeemCodeInput = z.object({
	code: z
		.string()
		.max(100, 'code_format')
		.transform((value) => normaliseLoginCode(value))
		.refine((value): value is string => value !== null, 'code_format')
});
