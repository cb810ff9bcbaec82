import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { askForHelp, openRequestOf, screenPath } from '$lib/server/guidance/help-requests';
import { participantGroup } from '$lib/server/groups/queries';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ url }, actor) => {
		const found = await participantGroup(event.locals.db, actor);
		return {
			trainers: found?.trainers ?? [],
			inGroup: Boolean(found),
			from: screenPath(url.searchParams.get('van')),
			helpAsked: Boolean(await openRequestOf(actor)),
			formKey: newFormKey()
		};
	});

export const actions: Actions = {
	/** "Ik kom er niet uit": one tap; a second tap finds the request already sent. */
	stuck: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const sent = formKey(form);
		if (!sent) return fail(400, { error: 'form_key' });
		await askForHelp(actor, String(form.get('van') ?? '/'), undefined, sent.key);
		redirect(303, '/hulp?verstuurd');
	}
};
