import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { emailInvitation } from '$lib/server/auth/email-links';
import { requireArea } from '$lib/server/auth/guard';
import { Conflict } from '$lib/server/errors';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { inviteStaff } from '$lib/server/people/invitations';
import { inviteStaffInput } from '$lib/server/people/schema';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const inviteForm = namedFields(inviteStaffInput, {
	displayName: 'naam',
	email: 'email',
	role: 'rol',
	isPeerExpert: 'ervaringsdeskundige'
});

export const load: PageServerLoad = async ({ locals, url }) => {
	await requireArea(locals, url, 'admin');
	return {};
};

export const actions: Actions = {
	default: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(inviteForm, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const { displayName, email, role, isPeerExpert } = parsed.data;
		// Shown again in the form's own field names.
		const values: Record<string, string> = {
			naam: displayName,
			email,
			rol: role,
			ervaringsdeskundige: isPeerExpert ?? ''
		};
		let invitation;
		try {
			invitation = await inviteStaff(locals.db, actor, {
				displayName,
				email,
				role,
				isPeerExpert: isPeerExpert === 'ja'
			});
		} catch (error) {
			if (error instanceof Conflict) {
				return fail(409, { values, errors: { email: error.messageKey } as FormErrors });
			}
			throw error;
		}
		try {
			await emailInvitation({
				to: email,
				name: displayName,
				invitedBy: actor,
				token: invitation.token,
				lang: getLocale()
			});
		} catch (error) {
			locals.log.warn({ err: String(error) }, 'invitation mail not sent');
			return fail(503, { values, errors: { form: 'mail_failed' } as FormErrors });
		}
		return { invited: displayName };
	})
};
