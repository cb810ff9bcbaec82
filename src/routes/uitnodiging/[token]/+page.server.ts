import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { peekLink, useLink } from '$lib/server/auth/links';
import { newPasswordInput } from '$lib/server/auth/schema';
import { finishSignIn } from '$lib/server/auth/sign-in';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** A staff member accepts an invitation: chooses a password, then sets up the second step. */
export const load: PageServerLoad = async ({ params, locals }) => {
	if (locals.actor) redirect(303, homePathOf(locals.actor.role));
	const owner = await peekLink(locals.db, 'invitation', params.token);
	return owner
		? { valid: true as const, name: owner.displayName, email: owner.email }
		: { valid: false as const };
};

const passwordForm = namedFields(newPasswordInput, { password: 'wachtwoord' });

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(passwordForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { db } = event.locals;
		const owner = await useLink(db, 'invitation', event.params.token, parsed.data.password);
		if (!owner) return fail(400, { errors: { form: 'link_expired' } as FormErrors });
		// Signed in with the new password; the second-step page then sets up the authenticator.
		await finishSignIn(db, event, { userId: owner.userId, method: 'password' });
		return fail(403, { errors: { form: 'account_inactive' } as FormErrors });
	}
};
