import { json } from '@sveltejs/kit';
import { signInOptions, verifyPasskeySignIn } from '$lib/server/auth/passkeys';
import { recordSignInFailure } from '$lib/server/auth/events';
import { passkeySignInBody } from '$lib/server/auth/schema';
import { beginSession } from '$lib/server/auth/sign-in';
import { config } from '$lib/server/config';
import { hit } from '$lib/server/limits/rate-limit';
import type { RequestHandler } from './$types';

/** Passkey sign-in for the button on the sign-in page (JSON; passkeys need JavaScript anyway). */
export const POST: RequestHandler = async (event) => {
	const { request, cookies, getClientAddress, locals } = event;
	const parsed = passkeySignInBody.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ error: 'invalid' }, { status: 400 });
	const settings = config();
	const rp = { origin: settings.origin, secret: locals.app.secret, secure: settings.secureCookies };
	if (parsed.data.step === 'options') return json(await signInOptions(cookies, rp));
	const limited = await hit(locals.db, [
		{ key: `passkey:ip:${getClientAddress()}`, max: 30, windowSeconds: 15 * 60 }
	]);
	if (!limited.allowed) {
		return json(
			{ error: 'rate_limited', retryMinutes: Math.ceil(limited.retryAfterSeconds / 60) },
			{ status: 429, headers: { 'retry-after': String(limited.retryAfterSeconds) } }
		);
	}
	const verified = await verifyPasskeySignIn(locals.db, cookies, rp, parsed.data.response as never);
	if ('failure' in verified) {
		const tried = verified.userId ? { userId: verified.userId } : null;
		await recordSignInFailure(locals.db, verified.failure, tried);
		return json({ error: 'passkey_failed' }, { status: 400 });
	}
	const { userId } = verified;
	// User verification (fingerprint, face or PIN) on the device: a passkey is two factors in one.
	const started = await beginSession(locals.db, event, {
		userId,
		method: 'passkey',
		secondFactor: 'passkey',
		terug: parsed.data.returnTo
	});
	if (!started) return json({ error: 'account_inactive' }, { status: 403 });
	return json({ next: started.next });
};
