import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { saveSsoSettings, ssoSettingsOf } from '$lib/server/auth/sso';
import { config } from '$lib/server/config';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { lineText } from '$lib/server/input';
import { answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const issuerUrl = lineText(500).refine(
	(value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
	'url_invalid'
);

const input = z.object({
	issuer: issuerUrl,
	clientId: lineText(200, { required: 'client_id_required' }),
	clientSecret: lineText(500).optional(),
	aan: z.literal('ja').optional(),
	mfa: z.literal('ja').optional()
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const settings = await ssoSettingsOf(locals.db, actor.organisationId ?? '');
	return { settings, redirectUri: `${config().publicBaseUrl}/inloggen/sso/terug` };
};

export const actions: Actions = {
	default: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(input, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const result = await saveSsoSettings(
			locals.db,
			actor,
			{
				issuer: parsed.data.issuer,
				clientId: parsed.data.clientId,
				clientSecret: parsed.data.clientSecret?.trim() || null,
				enabled: parsed.data.aan === 'ja',
				requireMfa: parsed.data.mfa === 'ja'
			},
			locals.app.secret
		);
		if (result === 'secret_required') {
			const values: Record<string, string> = {
				issuer: parsed.data.issuer,
				clientId: parsed.data.clientId,
				aan: parsed.data.aan ?? '',
				mfa: parsed.data.mfa ?? ''
			};
			return fail(400, { values, errors: { clientSecret: 'client_secret_required' } as FormErrors });
		}
		return { saved: true };
	})
};
