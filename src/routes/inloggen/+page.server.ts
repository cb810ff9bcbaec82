import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { checkPassword, recordPasswordFailure } from '$lib/server/auth/credentials';
import { safeReturnPath } from '$lib/server/auth/guard';
import { signInInput } from '$lib/server/auth/schema';
import { finishSignIn, secondStepPath } from '$lib/server/auth/sign-in';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { clear, hit, signInLimits } from '$lib/server/limits/rate-limit';
import type { Actions, PageServerLoad } from './$types';

const signInForm = namedFields(signInInput, { email: 'email', password: 'password', returnTo: 'terug' });

export const load: PageServerLoad = ({ locals, url }) => {
	const terug = safeReturnPath(url.searchParams.get('terug'));
	if (locals.actor) redirect(303, terug ?? homePathOf(locals.actor.role));
	if (locals.pendingSecondFactor) redirect(303, secondStepPath(terug));
	return {
		signedOut: url.searchParams.has('uitgelogd'),
		timedOut: url.searchParams.has('verlopen'),
		draftKept: url.searchParams.has('bewaard'),
		passwordChanged: url.searchParams.has('wachtwoord-nieuw'),
		terug
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, getClientAddress, setHeaders } = event;
		const parsed = parseForm(signInForm, await request.formData());
		if (!parsed.ok) {
			return fail(400, {
				email: parsed.values.email ?? '',
				terug: parsed.values.terug ?? '',
				errors: parsed.errors
			});
		}
		const { email, returnTo: terug } = parsed.data;
		const db = event.locals.db;
		const limits = signInLimits(email, getClientAddress(), config().signInLimitPerIp);
		const limited = await hit(db, limits);
		if (!limited.allowed) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			return fail(429, {
				email,
				terug,
				errors: { form: 'rate_limited' } as FormErrors,
				retryMinutes: Math.ceil(limited.retryAfterSeconds / 60)
			});
		}
		const userId = await checkPassword(db, email, parsed.data.password);
		if (!userId) {
			await recordPasswordFailure(db, email);
			return fail(400, { email, terug, errors: { form: 'sign_in_failed' } as FormErrors });
		}
		// Someone who got in is not counted against later: only failures lead to a wait.
		await clear(db, limits[0]?.key ?? '');
		await finishSignIn(db, event, { userId, method: 'password', terug });
		return fail(403, { email, terug, errors: { form: 'account_inactive' } as FormErrors });
	}
};
