import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { participantPage } from '$lib/server/pages/shell';
import { ownErasure, requestOwnErasure, withdrawOwnErasure } from '$lib/server/privacy/erasure';
import { privacyForms } from '$lib/server/privacy/schema';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = answered((event) =>
	participantPage(event, async ({ locals }, actor) => ({ erasure: await ownErasure(locals.db, actor) }))
);

export const actions: Actions = {
	ask: answeredAction(async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const parsed = parseForm(privacyForms.erasureAsk, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await requestOwnErasure(locals.db, actor);
		return { asked: true };
	}),
	withdraw: answeredAction(async ({ locals, url }) => {
		const actor = await requireArea(locals, url, 'participant');
		await withdrawOwnErasure(locals.db, actor);
		return { withdrawn: true };
	})
};
