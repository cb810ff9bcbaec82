import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { MESSAGE_MAX, sendMessage, thread } from '$lib/server/guidance/messages';
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
		const body = String(form.get('bericht') ?? '');
		const sent = formKey(form);
		if (!sent) return fail(400, { body, error: 'form_key' });
		if (!body.trim()) return fail(400, { body, error: 'message_required' });
		if (body.length > MESSAGE_MAX) return fail(400, { body, error: 'too_long' });
		if (!(await sendMessage(actor, actor.personId, body, undefined, { key: sent.key })))
			error(404, 'Not Found');
		redirect(303, '/berichten?verstuurd');
	}
};
