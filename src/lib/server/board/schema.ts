/**
 * Form inputs of the group board (zod; error keys are translated in $lib/form-errors). English keys:
 * the routes map their Dutch form field names onto them (`namedFields`, $lib/server/form-fields).
 */
import { z } from 'zod';
import { freeText, lineText, uuid } from '../input';

/** The longest post or reply: about a short paragraph, so one post fits a participant's screen. */
export const BOARD_TEXT_MAX = 1000;
/** The longest reason a trainer gives for hiding or removing a post. */
export const MODERATION_REASON_MAX = 200;
/** Replies to one post: the page of a post never grows past this. */
export const REPLIES_MAX = 20;

export const REACTION_WORDS = ['strength', 'recognise', 'well_done'] as const;
export type ReactionWord = (typeof REACTION_WORDS)[number];

/** A post, or a reply to the post `parentId`. */
export const boardPostInput = z.object({
	text: freeText(BOARD_TEXT_MAX, { required: 'board_text_required' }),
	parentId: uuid('invalid').optional()
});

/**
 * One of the supportive words on a post, given (`on`) or taken back: the form says which, so a
 * resent form (a double tap, a lost answer) changes nothing the second time.
 */
export const boardReactionInput = z.object({
	postId: uuid('invalid'),
	word: z.enum(REACTION_WORDS, { error: 'invalid' }),
	on: z.enum(['ja', 'nee'], { error: 'invalid' }).transform((value) => value === 'ja')
});

/** "Dit voelt niet goed" on a post or reply. */
export const boardReportInput = z.object({ postId: uuid('invalid') });

/** A trainer's moderation: hiding and removing need a short reason; approving and keeping do not. */
export const boardModerationInput = z
	.object({
		postId: uuid('invalid'),
		act: z.enum(['hide', 'remove', 'approve', 'keep'], { error: 'invalid' }),
		reason: lineText(MODERATION_REASON_MAX)
	})
	.superRefine((value, context) => {
		if ((value.act === 'hide' || value.act === 'remove') && !value.reason)
			context.addIssue({ code: 'custom', message: 'board_reason_required', path: ['reason'] });
	});
export type BoardModeration = z.infer<typeof boardModerationInput>;

/** The coordinator's "approve first" switch for a group's board. */
export const boardSettingInput = z.object({ approveFirst: z.enum(['ja', 'nee'], { error: 'invalid' }) });

/** The page asked for in `?pagina=` (1 is the newest), as a 0-based page; anything else is the first. */
export function boardPageOf(value: string | null): number {
	const asked = Number(value);
	return Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked - 1 : 0;
}
