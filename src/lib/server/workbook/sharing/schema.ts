/**
 * Form inputs of sharing with a significant other (naaste). English keys; the routes map their Dutch
 * field names onto them.
 */
import { z } from 'zod';
import { namedFields } from '../../form-fields';
import { lineText, uuid } from '../../input';

/** The longest name a participant gives a naaste ("Ria, mijn zus"). */
export const SIGNIFICANT_OTHER_NAME_MAX = 80;
/** The most people a participant shares with at once. */
export const SIGNIFICANT_OTHERS_MAX = 10;

const yesNo = z.enum(['ja', 'nee'], { error: 'invalid' }).transform((value) => value === 'ja');

/** An invitation: a name, and an email address or (none given) a printed card. */
export const inviteInput = z
	.object({
		name: lineText(SIGNIFICANT_OTHER_NAME_MAX, { required: 'significant_other_name_required' }),
		how: z.enum(['email', 'card'], { error: 'significant_other_how' }),
		email: z.string().trim().max(254, 'too_long').optional(),
		shareGoal: z
			.string()
			.optional()
			.transform((value) => value === 'ja')
	})
	.transform((input, context) => {
		if (input.how === 'card') return { ...input, email: null };
		const email = z.email().safeParse(input.email ?? '');
		if (!email.success) {
			context.addIssue({
				code: 'custom',
				path: ['email'],
				message: input.email ? 'email_invalid' : 'email_required'
			});
			return z.NEVER;
		}
		return { ...input, email: email.data.toLowerCase() };
	});
export type InviteInput = z.output<typeof inviteInput>;

/** One link, named by its id. */
export const linkInput = z.object({ link: uuid('invalid') });

/** The goal switch of one link: the form says which way. */
export const goalSharingInput = z.object({ link: uuid('invalid'), on: yesNo });

/** Sharing's forms under the pages' Dutch field names (the naaste's page names its link "verbinding"). */
export const sharingForms = {
	invite: namedFields(inviteInput, { name: 'naam', how: 'hoe', email: 'email', shareGoal: 'doel' }),
	link: namedFields(linkInput, { link: 'naaste' }),
	goal: namedFields(goalSharingInput, { link: 'naaste', on: 'doel' }),
	end: namedFields(linkInput, { link: 'verbinding' })
};
