import { fail, redirect } from '@sveltejs/kit';
import { homePathOf } from '$lib/domain/policy';
import { safeReturnPath } from '$lib/server/auth/guard';
import { secondFactorInput } from '$lib/server/auth/schema';
import { proveSecondFactor, secondStepState } from '$lib/server/auth/second-factor';
import { destinationOf } from '$lib/server/auth/sign-in';
import { qrSvg } from '$lib/server/cards/qr';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { clear, hit } from '$lib/server/limits/rate-limit';
import type { Actions, PageServerLoad } from './$types';

const codeForm = namedFields(secondFactorInput, { code: 'code', returnTo: 'terug' });

export const load: PageServerLoad = async ({ locals, url }) => {
	const terug = safeReturnPath(url.searchParams.get('terug'));
	if (locals.actor) redirect(303, terug ?? homePathOf(locals.actor.role));
	const actor = locals.pendingSecondFactor;
	if (!actor) redirect(303, '/inloggen');
	const state = await secondStepState(locals.db, actor, locals.app.secret);
	return {
		terug,
		// Single sign-on whose provider reported no second factor (the organisation requires one).
		viaSso: url.searchParams.get('via') === 'sso',
		enrolment: state.enrolling ? { secret: state.secret, qr: await qrSvg(state.uri) } : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, setHeaders }) => {
		if (locals.actor) redirect(303, homePathOf(locals.actor.role));
		const actor = locals.pendingSecondFactor;
		if (!actor || !locals.sessionId) redirect(303, '/inloggen');
		const parsed = parseForm(codeForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, retryMinutes: 0, backupCodes: null });
		const db = locals.db;
		// Per person: only someone who knows the password gets here, so no one else can use up the tries.
		const limitKey = `mfa:user:${actor.userId}`;
		const limited = await hit(db, [{ key: limitKey, max: 10, windowSeconds: 15 * 60 }]);
		if (!limited.allowed) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			const retryMinutes = Math.ceil(limited.retryAfterSeconds / 60);
			return fail(429, { errors: { form: 'rate_limited' } as FormErrors, retryMinutes, backupCodes: null });
		}
		const result = await proveSecondFactor(db, {
			actor,
			sessionId: locals.sessionId,
			code: parsed.data.code,
			appSecret: locals.app.secret
		});
		if (!result.ok)
			return fail(400, {
				errors: { code: 'mfa_code_invalid' } as FormErrors,
				retryMinutes: 0,
				backupCodes: null
			});
		// Only wrong codes count towards a wait.
		await clear(db, limitKey);
		const next = destinationOf(actor, parsed.data.returnTo);
		// The first time: show the backup codes once, then go on.
		if (result.backupCodes)
			return { errors: {} as FormErrors, retryMinutes: 0, backupCodes: result.backupCodes, next };
		redirect(303, next);
	}
};
