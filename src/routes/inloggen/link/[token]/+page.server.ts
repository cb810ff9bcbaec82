import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { peekLink, useLink } from '$lib/server/auth/links';
import { newPasswordInput } from '$lib/server/auth/schema';
import { finishSignIn } from '$lib/server/auth/sign-in';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page behind an emailed link. Opening it uses nothing up (mail scanners open links too); the
 * button does: a participant is signed in, a staff member chooses a new password and then signs in
 * with password and second factor as always (a reset never skips the second factor).
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	if (locals.actor) redirect(303, homePathOf(locals.actor.role));
	const db = locals.db;
	const signIn = await peekLink(db, 'magic_link', params.token);
	if (signIn) return { kind: 'magic_link' as const, name: signIn.displayName };
	const reset = await peekLink(db, 'password_reset', params.token);
	if (reset) return { kind: 'password_reset' as const, name: reset.displayName, email: reset.email };
	return { kind: 'expired' as const, name: null };
};

const resetForm = namedFields(newPasswordInput, { password: 'wachtwoord' });

export const actions: Actions = {
	signIn: async (event) => {
		const { db } = event.locals;
		const owner = await useLink(db, 'magic_link', event.params.token);
		if (!owner) return fail(400, { errors: { form: 'link_expired' } as FormErrors });
		await finishSignIn(db, event, { userId: owner.userId, method: 'magic_link' });
		return fail(403, { errors: { form: 'account_inactive' } as FormErrors });
	},
	reset: async ({ request, params, locals }) => {
		const parsed = parseForm(resetForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const owner = await useLink(locals.db, 'password_reset', params.token, parsed.data.password);
		if (!owner) return fail(400, { errors: { form: 'link_expired' } as FormErrors });
		redirect(303, '/inloggen?wachtwoord-nieuw');
	}
};
