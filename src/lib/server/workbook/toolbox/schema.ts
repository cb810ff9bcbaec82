/**
 * Form inputs of the coping toolbox (zod; error keys are translated in $lib/form-errors). English
 * keys: the routes map their Dutch form field names onto them (`namedFields`).
 */
import { z } from 'zod';
import { TOOL_TEXT_MAX } from '$lib/domain/toolbox';
import { namedFields } from '../../form-fields';
import { lineText } from '../../input';

/** A suggestion of content/toolbox, by its key (whether it exists is the command's question). */
export const addSuggestionInput = z.object({
	suggestionKey: z.string({ error: 'invalid' }).regex(/^[a-z0-9-]{1,40}$/, 'invalid')
});

/** A way of coping in the participant's own words: one line. */
export const ownToolInput = z.object({
	text: lineText(TOOL_TEXT_MAX, { required: 'toolbox_text_required' })
});

/** How well it works for them: one of the five answers. */
export const rateToolInput = z.object({
	rating: z
		.enum(['1', '2', '3', '4', '5'], { error: 'toolbox_rating_required' })
		.transform((value) => Number(value) as 1 | 2 | 3 | 4 | 5)
});

/** Taking a tool out of the box asks first: without "zeker=ja" the page shows the question. */
export const removeInput = z.object({
	confirmed: z
		.enum(['ja'], { error: 'invalid' })
		.optional()
		.transform((value) => value === 'ja')
});

/** The toolbox pages' forms, under their Dutch field names (the routes and their tests use these). */
export const toolboxForms = {
	addSuggestion: namedFields(addSuggestionInput, { suggestionKey: 'idee' }),
	own: namedFields(ownToolInput, { text: 'tekst' }),
	rate: namedFields(rateToolInput, { rating: 'cijfer' }),
	remove: namedFields(removeInput, { confirmed: 'zeker' })
};
