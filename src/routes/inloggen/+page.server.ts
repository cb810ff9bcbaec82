import { fail, redirect } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import { homePathOf } from '$lib/domain/policy';
import { loadActor } from '$lib/server/auth/actor';
import { ACCOUNT_INACTIVE } from '$lib/server/auth/auth';
import { recordSignIn } from '$lib/server/auth/events';
import { safeReturnPath } from '$lib/server/auth/guard';
import { signInInput } from '$lib/server/auth/schema';
import { config } from '$lib/server/config';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { clear, hit, signInLimits } from '$lib/server/limits/rate-limit';
import { rememberLocale } from '$lib/server/i18n';
import { preferredLocaleOf } from '$lib/server/people/commands';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, homePathOf(locals.actor.role));
	return {
		signedOut: url.searchParams.has('uitgelogd'),
		terug: safeReturnPath(url.searchParams.get('terug'))
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, setHeaders }) => {
		const parsed = parseForm(signInInput, await request.formData());
		if (!parsed.ok) {
			return fail(400, {
				email: parsed.values.email ?? '',
				terug: parsed.values.terug ?? '',
				errors: parsed.errors
			});
		}
		const { email, terug } = parsed.data;
		const ready = runtime();
		if (!ready) return fail(503, { email, terug, errors: { form: 'service_unavailable' } as FormErrors });
		const limits = signInLimits(email, getClientAddress(), config().signInLimitPerIp);
		const limited = await hit(limits, ready.database.db);
		if (!limited.allowed) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			return fail(429, {
				email,
				terug,
				errors: { form: 'rate_limited' } as FormErrors,
				retryMinutes: Math.ceil(limited.retryAfterSeconds / 60)
			});
		}
		let userId: string;
		try {
			const result = await ready.auth.api.signInEmail({
				body: { email, password: parsed.data.password, rememberMe: true },
				headers: request.headers
			});
			userId = result.user.id;
		} catch (error) {
			if (!(error instanceof APIError)) throw error;
			await recordSignIn(null, 'failure');
			const inactive = error.body?.code === ACCOUNT_INACTIVE;
			return fail(inactive ? 403 : 400, {
				email,
				terug,
				errors: { form: inactive ? 'account_inactive' : 'sign_in_failed' } as FormErrors
			});
		}
		const actor = await loadActor(ready.database.db, userId);
		if (!actor) return fail(403, { email, terug, errors: { form: 'account_inactive' } as FormErrors });
		await recordSignIn(actor, 'success');
		// Someone who got in is not counted against later: only failures lead to a wait.
		await clear(limits[0]?.key ?? '', ready.database.db);
		const locale = await preferredLocaleOf(actor.personId, ready.database.db);
		if (locale) rememberLocale(cookies, locale, config().secureCookies);
		redirect(303, safeReturnPath(terug) ?? homePathOf(actor.role));
	}
};
