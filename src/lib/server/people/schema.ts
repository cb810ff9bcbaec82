import { z } from 'zod';
import { lineText, uuid } from '../input';

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		schema.optional()
	);

/**
 * The forms of people/, with English keys; the pages' (Dutch) field names map to these at the route
 * (`namedFields` of ../form-fields).
 */

/** A trainer adds a participant to one of their groups. */
export const addParticipantInput = z.object({
	groupId: uuid('invalid'),
	displayName: lineText(100, { required: 'name_required' }),
	email: optional(z.string().trim().max(254, 'too_long').pipe(z.email('email_invalid'))),
	phone: optional(
		z
			.string()
			.trim()
			.max(30, 'too_long')
			.regex(/^[+0-9][0-9 ()-]*$/, 'phone_invalid')
	)
});

/** A coordinator turns an account off (with an explicit confirmation) or on again. */
export const deactivateInput = z.object({
	personId: uuid('invalid'),
	confirmed: z.literal('ja', 'confirm_required')
});
export const reactivateInput = z.object({ personId: uuid('invalid') });

/** A coordinator moves a participant to another group. */
export const moveInput = z.object({ personId: uuid('invalid'), groupId: uuid('group_required') });

/** The coordinator's people list: search words, filters (Dutch values in the URL) and a page cursor. */
export const peopleListQuery = z.object({
	name: optional(z.string().trim().max(100, 'too_long')),
	group: optional(z.string().trim().max(100, 'too_long')),
	status: optional(z.enum(['actief', 'uit'], 'invalid')),
	role: optional(z.enum(['deelnemer', 'trainer', 'coordinator', 'onderzoeker'], 'invalid')),
	after: optional(z.uuid('invalid')),
	before: optional(z.uuid('invalid'))
});

/** A coordinator invites a staff member of their organisation. */
export const inviteStaffInput = z.object({
	displayName: lineText(100, { required: 'name_required' }),
	email: z.string().trim().min(1, 'email_required').max(254, 'too_long').pipe(z.email('email_invalid')),
	role: z.enum(['trainer', 'researcher'], 'role_required'),
	isPeerExpert: optional(z.literal('ja', 'invalid'))
});
