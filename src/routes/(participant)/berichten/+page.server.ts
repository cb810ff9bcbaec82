import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { messageInput, sendMessage, thread } from '$lib/server/guidance/messages';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async (_event, actor) => {
		const found = await thread(actor, actor.personId);
		return { thread: found, formKey: newFormKey() };
	});

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(messageInput, form);
		if (!parsed.ok)
			return fail(400, { body: parsed.values.bericht ?? '', error: parsed.errors.bericht ?? 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { body: parsed.data.bericht, error: 'form_key' });
		if (!(await sendMessage(actor, actor.personId, parsed.data.bericht, undefined, { key: sent.key })))
			error(404, 'Not Found');
		redirect(303, '/berichten?verstuurd');
	}
};
