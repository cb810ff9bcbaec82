/**
 * Form inputs of the support network (zod; error keys are translated in $lib/form-errors). English
 * keys: the routes map their Dutch form field names onto them (`namedFields`); the kinds of
 * support are check boxes of one name (`parseForm(…, { lists: ['steun'] })`).
 */
import { z } from 'zod';
import { CONTACT_FREQUENCIES, SUPPORT_KINDS, SUPPORT_NAME_MAX } from '$lib/domain/toolbox';
import { namedFields } from '../../form-fields';
import { lineText } from '../../input';

/** Someone in the network: who, what they do for the participant (one or more), how often in touch. */
export const supporterInput = z.object({
	name: lineText(SUPPORT_NAME_MAX, { required: 'network_name_required' }),
	kinds: z
		.array(z.enum(SUPPORT_KINDS, { error: 'network_kind_required' }), { error: 'network_kind_required' })
		.min(1, 'network_kind_required')
		.max(SUPPORT_KINDS.length * 2, 'invalid')
		// In the one order the page shows them, each once.
		.transform((kinds) => SUPPORT_KINDS.filter((kind) => kinds.includes(kind))),
	frequency: z.enum(CONTACT_FREQUENCIES, { error: 'network_frequency_required' })
});
export type SupporterInput = z.infer<typeof supporterInput>;

/** Taking someone out of the network asks first: without "zeker=ja" the page shows the question. */
export const removeSupporterInput = z.object({
	confirmed: z
		.enum(['ja'], { error: 'invalid' })
		.optional()
		.transform((value) => value === 'ja')
});

/**
 * The network pages' forms, under their Dutch field names (the routes and their tests use these);
 * parse the supporter form with `{ lists: ['steun'] }`.
 */
export const networkForms = {
	supporter: namedFields(supporterInput, { name: 'naam', kinds: 'steun', frequency: 'contact' }),
	remove: namedFields(removeSupporterInput, { confirmed: 'zeker' })
};
