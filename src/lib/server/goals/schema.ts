/** Form inputs of goals, steps and reminder settings (zod; error keys are translated in $lib/form-errors). */
import { z } from 'zod';
import { GOAL_TEXT_MAX, LIFE_AREAS, REASON_MAX, STEP_TEXT_MAX } from '$lib/domain/goals';
import { calendarDay } from '../forms';
import { freeText } from '../input';

const cleanText = (max: number, requiredKey: string) => freeText(max, { required: requiredKey });

const optionalText = (max: number) => freeText(max);

const optionalDay = z.preprocess(
	(value) => (value === '' || value === undefined ? null : value),
	calendarDay.nullable()
);

/** The goal wizard's answers, sent together on its last screen. */
export const newGoalInput = z.object({
	gebied: z.enum(LIFE_AREAS, { error: 'life_area_required' }),
	doel: cleanText(GOAL_TEXT_MAX, 'goal_required'),
	waarom: optionalText(GOAL_TEXT_MAX),
	stap: optionalText(STEP_TEXT_MAX),
	week: optionalDay
});

export const changeGoalInput = z
	.object({
		wijziging: z.enum(['edit', 'reach', 'stop'], { error: 'invalid' }),
		doel: optionalText(GOAL_TEXT_MAX),
		reden: optionalText(REASON_MAX)
	})
	.superRefine((value, context) => {
		if (value.wijziging === 'edit' && !value.doel)
			context.addIssue({ code: 'custom', path: ['doel'], message: 'goal_required' });
		if (value.wijziging !== 'reach' && !value.reden)
			context.addIssue({ code: 'custom', path: ['reden'], message: 'reason_required' });
	});

export const newStepInput = z.object({
	stap: cleanText(STEP_TEXT_MAX, 'step_required'),
	week: optionalDay
});

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid');

export const reminderInput = z.object({
	aan: z.enum(['ja', 'nee'], { error: 'invalid' }),
	kanaal: z.enum(['email', 'push'], { error: 'invalid' }),
	dag: z.coerce.number({ error: 'invalid' }).int('invalid').min(1, 'invalid').max(7, 'invalid'),
	tijd: clock,
	stilVan: clock,
	stilTot: clock
});
