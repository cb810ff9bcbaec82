import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { ssoSettingsInput } from '$lib/server/auth/schema';
import { saveSsoSettings, ssoSettingsOf } from '$lib/server/auth/sso';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const settingsForm = namedFields(ssoSettingsInput, {
	issuer: 'issuer',
	clientId: 'clientId',
	clientSecret: 'clientSecret',
	enabled: 'aan',
	requireMfa: 'mfa'
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const settings = await ssoSettingsOf(locals.db, actor.organisationId ?? '');
	return { settings, redirectUri: `${config().publicBaseUrl}/inloggen/sso/terug` };
};

export const actions: Actions = {
	default: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(settingsForm, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const result = await saveSsoSettings(
			locals.db,
			actor,
			{
				issuer: parsed.data.issuer,
				clientId: parsed.data.clientId,
				clientSecret: parsed.data.clientSecret?.trim() || null,
				enabled: parsed.data.enabled === 'ja',
				requireMfa: parsed.data.requireMfa === 'ja'
			},
			locals.app.secret
		);
		if (result === 'secret_required') {
			const values: Record<string, string> = {
				issuer: parsed.data.issuer,
				clientId: parsed.data.clientId,
				aan: parsed.data.enabled ?? '',
				mfa: parsed.data.requireMfa ?? ''
			};
			return fail(400, { values, errors: { clientSecret: 'client_secret_required' } as FormErrors });
		}
		return { saved: true };
	})
};
