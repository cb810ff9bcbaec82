import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { trainedGroup } from '$lib/server/curriculum/tailoring';
import { MESSAGE_MAX, sendMessage, thread } from '$lib/server/guidance/messages';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const group = await trainedGroup(actor, params.groep);
	const found = group ? await thread(actor, params.deelnemer) : null;
	if (!found || found.group.id !== params.groep) error(404, 'Not Found');
	return { thread: found, formKey: newFormKey() };
};

export const actions: Actions = {
	default: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		const group = await trainedGroup(actor, params.groep);
		if (!group) error(404, 'Not Found');
		const form = await request.formData();
		const body = String(form.get('bericht') ?? '');
		const sent = formKey(form);
		if (!sent) return fail(400, { body, error: 'form_key' });
		if (!body.trim()) return fail(400, { body, error: 'message_required' });
		if (body.length > MESSAGE_MAX) return fail(400, { body, error: 'too_long' });
		if (!(await sendMessage(actor, params.deelnemer, body, undefined, { key: sent.key })))
			error(404, 'Not Found');
		redirect(303, `${url.pathname}?verstuurd`);
	}
};
