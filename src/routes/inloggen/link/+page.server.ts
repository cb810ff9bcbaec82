import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { emailSignInLink } from '$lib/server/auth/email-links';
import { emailInput } from '$lib/server/auth/schema';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { hit } from '$lib/server/limits/rate-limit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress, setHeaders }) => {
		const parsed = parseForm(emailInput, await request.formData());
		if (!parsed.ok)
			return fail(400, { email: parsed.values.email ?? '', errors: parsed.errors, retryMinutes: 0 });
		const { email } = parsed.data;
		const db = locals.db;
		const limited = await hit(db, [
			{ key: `link:email:${email.toLowerCase()}`, max: 3, windowSeconds: 15 * 60 },
			{ key: `link:ip:${getClientAddress()}`, max: 20, windowSeconds: 15 * 60 }
		]);
		if (!limited.allowed) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			const retryMinutes = Math.ceil(limited.retryAfterSeconds / 60);
			return fail(429, { email, errors: { form: 'rate_limited' } as FormErrors, retryMinutes });
		}
		// The same answer whether or not the address is known: the form does not reveal who has an account.
		await emailSignInLink(db, email, getLocale());
		return { sent: true, email };
	}
};
