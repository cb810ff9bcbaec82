/**
 * Live mode's form input. Keys are English; the pages' Dutch field names are beside each schema
 * (read with `namedFields`). Messages are form-error keys.
 */
import { z } from 'zod';
import { namedFields } from '../form-fields';
import { freeText, lineText, uuid as uuidOf } from '../input';
import { LIVE_ANSWER_MAX, type AnswerInput, type PromptInput, type PromptStep } from './commands';
import { LIVE_CHOICE_MAX, LIVE_MAX_CHOICES, LIVE_MIN_CHOICES, LIVE_TEXT_MAX } from './content';

const uuid = uuidOf('invalid');
const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on' || value === 'ja');

const choiceLines = (choices: string) =>
	choices
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');

/** Add a prompt: a prepared one ("<module>/<n>") or the trainer's own question. */
export const promptInput = namedFields(
	z
		.object({
			source: z.enum(['prepared', 'own'], { error: 'invalid' }),
			key: z.string().default(''),
			kind: z.enum(['open', 'choice', 'scale', 'share']).default('open'),
			text: lineText(LIVE_TEXT_MAX),
			choices: freeText(LIVE_MAX_CHOICES * (LIVE_CHOICE_MAX + 1)),
			anonymous: checkbox,
			approveFirst: checkbox
		})
		.superRefine((input, context) => {
			const problem = (path: string, message: string) =>
				context.addIssue({ code: 'custom', path: [path], message });
			if (input.source === 'prepared' && !/^\d{1,2}\/\d$/.test(input.key)) problem('key', 'invalid');
			if (input.source === 'own' && input.text === '') problem('text', 'question_required');
			const choices = choiceLines(input.choices);
			if (choices.some((choice) => choice.length > LIVE_CHOICE_MAX)) problem('choices', 'too_long');
			if (
				input.source === 'own' &&
				input.kind === 'choice' &&
				(choices.length < LIVE_MIN_CHOICES || choices.length > LIVE_MAX_CHOICES)
			)
				problem('choices', 'choices_count');
		})
		.transform((input): PromptInput => {
			const settings = { anonymous: input.anonymous, approveFirst: input.approveFirst };
			return input.source === 'prepared'
				? { source: 'prepared', key: input.key, ...settings }
				: {
						source: 'own',
						kind: input.kind,
						text: input.text,
						choices: [...new Set(choiceLines(input.choices))],
						...settings
					};
		}),
	{
		source: 'bron',
		key: 'vraag',
		kind: 'soort',
		text: 'tekst',
		choices: 'keuzes',
		anonymous: 'anoniem',
		approveFirst: 'eerst_goedkeuren'
	}
);

/** A prompt of the list, and where to move it. */
export const movePromptInput = namedFields(
	z.object({ promptId: uuid, direction: z.enum(['up', 'down'], { error: 'invalid' }) }),
	{ promptId: 'vraag', direction: 'richting' }
);

export const promptIdInput = namedFields(z.object({ promptId: uuid }), { promptId: 'vraag' });

/** The trainer's step: open a prompt, the next one, stop answers, show them, end. */
export const stepInput = namedFields(
	z
		.object({
			step: z.enum(['open', 'next', 'close', 'reveal', 'end'], { error: 'invalid' }),
			promptId: z.string().default(''),
			/** The question the trainer saw as the current one ('' for none). */
			seen: z.string().default('')
		})
		.superRefine((input, context) => {
			if (input.step === 'open' && !uuid.safeParse(input.promptId).success)
				context.addIssue({ code: 'custom', path: ['promptId'], message: 'invalid' });
			if (input.seen !== '' && !uuid.safeParse(input.seen).success)
				context.addIssue({ code: 'custom', path: ['seen'], message: 'invalid' });
		})
		.transform((input): PromptStep => {
			if (input.step === 'open') return { kind: 'open', promptId: input.promptId };
			if (input.step === 'end') return { kind: 'end' };
			return { kind: input.step, seen: input.seen === '' ? null : input.seen.toLowerCase() };
		}),
	{ step: 'stap', promptId: 'vraag', seen: 'huidig' }
);

export const moderateInput = namedFields(
	z
		.object({
			answerId: uuid,
			decision: z.enum(['approve', 'hide'], { error: 'invalid' }),
			/** The answer's version as the trainer read it (required to approve). */
			seen: z.string().default('')
		})
		.superRefine((input, context) => {
			if (input.decision === 'approve' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(input.seen))
				context.addIssue({ code: 'custom', path: ['seen'], message: 'invalid' });
		}),
	{ answerId: 'antwoord', decision: 'besluit', seen: 'gezien' }
);

/** A participant's answer: text, a choice (0-based) or a scale value (1–5); the command checks which fits. */
export const answerInput = namedFields(
	z
		.object({
			promptId: uuid,
			text: freeText(LIVE_ANSWER_MAX),
			choice: z.string().default('')
		})
		.superRefine((input, context) => {
			if (input.choice !== '' && !/^\d$/.test(input.choice))
				context.addIssue({ code: 'custom', path: ['choice'], message: 'answer_required' });
		})
		.transform((input): { promptId: string; answer: AnswerInput } => ({
			promptId: input.promptId,
			answer: input.choice !== '' ? { choice: Number(input.choice) } : { text: input.text }
		})),
	{ promptId: 'vraag', text: 'antwoord', choice: 'keuze' }
);
