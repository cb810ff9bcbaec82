import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { emailInput } from '$lib/server/auth/schema';
import { ssoOrganisationFor, startSso } from '$lib/server/auth/sso';
import { config } from '$lib/server/config';
import { logger } from '$lib/server/log';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { hit } from '$lib/server/limits/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, homePathOf(locals.actor.role));
	return { problem: url.searchParams.get('probleem') };
};

/** Staff of an organisation with SSO: their email decides which identity provider to send them to. */
export const actions: Actions = {
	default: async ({ request, cookies, locals, getClientAddress, setHeaders }) => {
		const parsed = parseForm(emailInput, await request.formData());
		if (!parsed.ok)
			return fail(400, { email: parsed.values.email ?? '', errors: parsed.errors, retryMinutes: 0 });
		const db = locals.db;
		const limited = await hit(db, [{ key: `sso:ip:${getClientAddress()}`, max: 30, windowSeconds: 15 * 60 }]);
		if (!limited.allowed) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			const retryMinutes = Math.ceil(limited.retryAfterSeconds / 60);
			return fail(429, {
				email: parsed.data.email,
				errors: { form: 'rate_limited' } as FormErrors,
				retryMinutes
			});
		}
		const organisationId = await ssoOrganisationFor(db, parsed.data.email);
		const settings = config();
		const target = organisationId
			? await startSso(db, cookies, {
					organisationId,
					redirectUri: `${settings.publicBaseUrl}/inloggen/sso/terug`,
					appSecret: locals.app.secret,
					secure: settings.secureCookies,
					loginHint: parsed.data.email
				}).catch((error: unknown) => {
					// The provider is down or misconfigured: say so to the person, details in the log.
					logger.warn({ err: String(error), organisationId }, 'single sign-on could not start');
					return null;
				})
			: null;
		if (!target) {
			return fail(400, {
				email: parsed.data.email,
				errors: { email: 'sso_not_available' } as FormErrors,
				retryMinutes: 0
			});
		}
		// A link, not a redirect: the page's CSP (form-action 'self') rightly blocks a form post
		// that ends up at another site. With JavaScript the page follows the link at once.
		return { email: parsed.data.email, go: target.href };
	}
};
