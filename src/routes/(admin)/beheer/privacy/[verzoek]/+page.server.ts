import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { decideErasure, erasureRequestOf } from '$lib/server/privacy/erasure';
import { tellErasureOutcome } from '$lib/server/privacy/mail';
import { privacyForms } from '$lib/server/privacy/schema';
import { requireUuidParams } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

/** One erasure request: what erasing removes, what is kept and why, and the decision. */
export const load: PageServerLoad = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	return { request: await erasureRequestOf(locals.db, actor, params.verzoek) };
});

export const actions: Actions = {
	decide: answeredAction(async ({ locals, url, params, request }) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(privacyForms.erasureDecision, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const outcome = await decideErasure(locals.db, actor, params.verzoek, parsed.data);
		await tellErasureOutcome(actor, outcome);
		return { decided: outcome.status };
	})
};
