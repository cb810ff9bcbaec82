import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { finishSignIn } from '$lib/server/auth/sign-in';
import { redeemLoginCard } from '$lib/server/cards/commands';
import { redeemCodeInput } from '$lib/server/cards/schema';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { hit } from '$lib/server/limits/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, homePathOf(locals.actor.role));
	// The QR code on the card brings the code along; the person still presses the button.
	return { code: (url.searchParams.get('code') ?? '').slice(0, 100) };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, getClientAddress, setHeaders } = event;
		const parsed = parseForm(redeemCodeInput, await request.formData());
		if (!parsed.ok)
			return fail(400, { code: parsed.values.code ?? '', errors: parsed.errors, retryMinutes: 0 });
		const { db } = event.locals;
		const ip = getClientAddress();
		const limited = await hit(db, [{ key: `login-card:ip:${ip}`, max: 20, windowSeconds: 15 * 60 }]);
		if (!limited.allowed) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			const retryMinutes = Math.ceil(limited.retryAfterSeconds / 60);
			return fail(429, { code: '', errors: { form: 'rate_limited' } as FormErrors, retryMinutes });
		}
		const owner = await redeemLoginCard(db, parsed.data.code);
		if (!owner)
			return fail(400, { code: '', errors: { code: 'code_invalid' } as FormErrors, retryMinutes: 0 });
		// Then, one question per screen: how do you want to get back in next time?
		await finishSignIn(db, event, { userId: owner.userId, method: 'login_card', terug: owner.returnTo });
		return fail(403, { code: '', errors: { form: 'account_inactive' } as FormErrors, retryMinutes: 0 });
	}
};
