import { redirect } from '@sveltejs/kit';
import { recordSignInFailure } from '$lib/server/auth/events';
import { beginSession } from '$lib/server/auth/sign-in';
import { finishSso } from '$lib/server/auth/sso';
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** Where the identity provider sends the browser back after signing in. */
export const GET: RequestHandler = async (event) => {
	const { db } = event.locals;
	const settings = config();
	// The URL as the provider addressed it: the public base URL, not the internal one.
	const callbackUrl = new URL(`${settings.publicBaseUrl}/inloggen/sso/terug${event.url.search}`);
	const result = await finishSso(db, event.cookies, {
		callbackUrl,
		appSecret: event.locals.app.secret,
		secure: settings.secureCookies
	});
	if ('problem' in result) {
		await recordSignInFailure(db, `sso_${result.problem}`);
		redirect(303, `/inloggen/sso?probleem=${result.problem}`);
	}
	// The organisation's provider vouches for the person. When the ID token shows no second factor
	// and the organisation requires one, Herstelpad asks its own (TOTP, enrolled there if needed).
	const askOwnFactor = !result.multiFactor && result.requireMfa;
	const started = await beginSession(db, event, {
		userId: result.userId,
		method: 'oidc',
		secondFactor: result.multiFactor ? 'oidc_mfa' : askOwnFactor ? undefined : 'oidc'
	});
	if (!started) redirect(303, '/inloggen/sso?probleem=no_account');
	redirect(303, askOwnFactor ? '/inloggen/tweede-stap?via=sso' : started.next);
};
