/** Form inputs of the trainer's course pages (zod; error keys are translated in $lib/form-errors). */
import { z } from 'zod';
import { calendarDay } from '../forms';

const moduleNumber = z.coerce
	.number({ error: 'invalid' })
	.int('invalid')
	.min(1, 'invalid')
	.max(99, 'invalid');

export const moduleStateInput = z.object({
	module: moduleNumber,
	state: z.enum(['open', 'coming', 'closed'], { error: 'invalid' })
});

export const moveModuleInput = z.object({
	module: moduleNumber,
	richting: z.enum(['up', 'down'], { error: 'invalid' })
});

export const moduleDateInput = z.object({
	module: moduleNumber,
	// Empty: the module is not linked to a session.
	datum: z.preprocess((value) => (value === '' ? null : value), calendarDay.nullable())
});

export const stepHiddenInput = z.object({
	stap: z
		.string()
		.regex(/^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'invalid')
		.max(80, 'invalid'),
	verborgen: z.enum(['ja', 'nee'], { error: 'invalid' })
});
