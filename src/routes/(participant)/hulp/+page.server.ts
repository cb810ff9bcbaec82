import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { askForHelp, screenPath } from '$lib/server/guidance/help-requests/commands';
import { openRequestOf } from '$lib/server/guidance/help-requests/queries';
import { askForHelpInput } from '$lib/server/guidance/schema';
import { participantGroup } from '$lib/server/groups/queries';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ url, locals }, actor) => {
		const found = await participantGroup(locals.db, actor);
		return {
			trainers: found?.trainers ?? [],
			inGroup: Boolean(found),
			from: screenPath(url.searchParams.get('van')),
			helpAsked: Boolean(await openRequestOf(locals.db, actor)),
			formKey: newFormKey()
		};
	})
) satisfies PageServerLoad;

export const actions = {
	/** "Ik kom er niet uit": one tap; a second tap finds the request already sent. */
	stuck: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const sent = formKey(form);
		if (!sent) return fail(400, { error: 'form_key' });
		const parsed = parseForm(namedFields(askForHelpInput, { from: 'van' }), form);
		// Whatever came as the screen, the request goes: screenPath keeps only a path inside the app.
		await askForHelp(locals.db, actor, parsed.ok ? (parsed.data.from ?? '/') : '/', sent.key);
		redirect(303, '/hulp?verstuurd');
	})
} satisfies Actions;
