/**
 * Form inputs of the trainer's course pages (zod; error keys are translated in $lib/form-errors). The
 * keys are English; the routes map the pages' Dutch field names onto them (`namedFields`).
 */
import { z } from 'zod';
import { calendarDay } from '../forms';

const moduleNumber = z.coerce
	.number({ error: 'invalid' })
	.int('invalid')
	.min(1, 'invalid')
	.max(99, 'invalid');

export const moduleStateInput = z.object({
	moduleNumber,
	state: z.enum(['open', 'coming', 'closed'], { error: 'invalid' })
});

export const moveModuleInput = z.object({
	moduleNumber,
	direction: z.enum(['up', 'down'], { error: 'invalid' })
});

export const moduleDateInput = z.object({
	moduleNumber,
	// Empty: the module is not linked to a session.
	date: z.preprocess((value) => (value === '' ? null : value), calendarDay.nullable())
});

export const stepHiddenInput = z.object({
	stepKey: z
		.string()
		.regex(/^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'invalid')
		.max(80, 'invalid'),
	// The page sends "ja" or "nee".
	hidden: z.enum(['ja', 'nee'], { error: 'invalid' }).transform((value) => value === 'ja')
});
