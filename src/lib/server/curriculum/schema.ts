/**
 * Form inputs of the trainer's course pages (zod; error keys are translated in $lib/form-errors). The
 * keys are English; the routes map the pages' Dutch field names onto them (`namedFields`).
 */
import { z } from 'zod';
import { calendarDay } from '../forms';
import { freeText, lineText, uuid } from '../input';
import { MAX_ANSWER_LENGTH } from './course/commands';

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

const httpsUrl = z
	.string()
	.trim()
	.max(500, 'too_long')
	.refine((value) => {
		try {
			return ['https:', 'http:'].includes(new URL(value).protocol);
		} catch {
			return false;
		}
	}, 'url_invalid');

/** A trainer's own item (English keys; the page's Dutch field names are mapped at the route). */
export const groupItemInput = z
	.object({
		kind: z.enum(['text', 'link', 'exercise', 'file'], { error: 'kind_required' }),
		title: lineText(120, { required: 'title_required' }),
		text: freeText(2000),
		url: lineText(500),
		question: lineText(300)
	})
	.superRefine((item, context) => {
		if (item.kind === 'link' && !httpsUrl.safeParse(item.url).success)
			context.addIssue({ code: 'custom', path: ['url'], message: 'url_invalid' });
		if (item.kind === 'exercise' && !item.question)
			context.addIssue({ code: 'custom', path: ['question'], message: 'question_required' });
		if (item.kind === 'text' && !item.text)
			context.addIssue({ code: 'custom', path: ['text'], message: 'text_required' });
	});

/** A coordinator chooses one of the organisation's videos for a step of the draft; empty: no video. */
export const stepVideoInput = z.object({
	mediaId: z.preprocess((value) => (value === '' ? null : value), uuid('invalid').nullable())
});

/** An answer a trainer types in from a participant's paper workbook, for one step that asks something. */
export const paperAnswerInput = z.object({
	moduleNumber,
	stepKey: z
		.string()
		.max(80, 'invalid')
		.regex(/^(?:\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*|eigen-[0-9a-f]{32})$/, 'invalid'),
	answer: freeText(MAX_ANSWER_LENGTH, { required: 'answer_required', tooLong: 'answer_too_long' })
});
