import { error, json } from '@sveltejs/kit';
import { describeDevice } from '$lib/domain/device';
import { registerPasskey, registrationOptions } from '$lib/server/auth/passkeys';
import { passkeyRegistrationBody } from '$lib/server/auth/schema';
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** Makes a passkey for the signed-in person (JSON; the browser's WebAuthn needs JavaScript). */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const actor = locals.actor;
	if (!actor) error(401, 'Unauthorized');
	const parsed = passkeyRegistrationBody.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ error: 'invalid' }, { status: 400 });
	const settings = config();
	const rp = { origin: settings.origin, secret: locals.app.secret, secure: settings.secureCookies };
	if (parsed.data.step === 'options') return json(await registrationOptions(locals.db, cookies, rp, actor));
	const device = describeDevice(request.headers.get('user-agent'));
	const label = [device.browser, device.system].filter(Boolean).join(' / ') || null;
	const saved = await registerPasskey(locals.db, cookies, rp, actor, parsed.data.response as never, label);
	return saved ? json({ saved: true }) : json({ error: 'passkey_failed' }, { status: 400 });
};
