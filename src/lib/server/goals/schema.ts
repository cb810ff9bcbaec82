/**
 * Form inputs of goals, steps, the check-in and reminder settings (zod; error keys are translated in
 * $lib/form-errors). English keys: the routes map their Dutch form field names onto them
 * (`namedFields`, $lib/server/form-fields).
 */
import { z } from 'zod';
import { CHECK_IN_QUESTIONS, GOAL_TEXT_MAX, LIFE_AREAS, REASON_MAX, STEP_TEXT_MAX } from '$lib/domain/goals';
import { calendarDay } from '../forms';
import { freeText, uuid } from '../input';

const cleanText = (max: number, requiredKey: string) => freeText(max, { required: requiredKey });

const optionalText = (max: number) => freeText(max);

const optionalDay = z.preprocess(
	(value) => (value === '' || value === undefined ? null : value),
	calendarDay.nullable()
);

/** The goal wizard's answers, sent together on its last screen. */
export const newGoalInput = z.object({
	lifeArea: z.enum(LIFE_AREAS, { error: 'life_area_required' }),
	text: cleanText(GOAL_TEXT_MAX, 'goal_required'),
	why: optionalText(GOAL_TEXT_MAX),
	step: optionalText(STEP_TEXT_MAX),
	week: optionalDay
});

export const changeGoalInput = z
	.object({
		change: z.enum(['edit', 'reach', 'stop'], { error: 'invalid' }),
		text: optionalText(GOAL_TEXT_MAX),
		reason: optionalText(REASON_MAX)
	})
	.superRefine((value, context) => {
		if (value.change === 'edit' && !value.text)
			context.addIssue({ code: 'custom', path: ['text'], message: 'goal_required' });
		if (value.change !== 'reach' && !value.reason)
			context.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
	});

export const newStepInput = z.object({
	text: cleanText(STEP_TEXT_MAX, 'step_required'),
	week: optionalDay
});

/** A step marked done: its id. */
export const stepDoneInput = z.object({ step: uuid('invalid') });

/** A trainer's new step: for which of the participant's goals. */
export const trainerStepInput = newStepInput.extend({ goal: uuid('invalid') });

/**
 * One check-in screen: which question (or `send` for the "send your check-in" screen), its answer
 * (checked per question by the domain), and the draft's key when sending.
 */
export const checkInInput = z.object({
	question: z.enum([...CHECK_IN_QUESTIONS, 'send'], { error: 'choice' }),
	answer: z.string().optional(),
	key: z.string().optional()
});
