import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { trainedGroup } from '$lib/server/curriculum/tailoring';
import { parseForm } from '$lib/server/forms';
import { messageInput, sendMessage, thread } from '$lib/server/guidance/messages';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { requireUuidParams } from '$lib/server/input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const group = await trainedGroup(actor, params.groep, locals.db);
	// A participant of another group is not found here, and their thread is neither read nor logged.
	const found = group ? await thread(actor, params.deelnemer, undefined, { inGroup: group.id }) : null;
	if (!found) error(404, 'Not Found');
	return { thread: found, formKey: newFormKey() };
};

export const actions: Actions = {
	default: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const group = await trainedGroup(actor, params.groep, locals.db);
		if (!group) error(404, 'Not Found');
		const form = await request.formData();
		const parsed = parseForm(messageInput, form);
		if (!parsed.ok)
			return fail(400, { body: parsed.values.bericht ?? '', error: parsed.errors.bericht ?? 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { body: parsed.data.bericht, error: 'form_key' });
		const options = { inGroup: group.id, key: sent.key };
		if (!(await sendMessage(actor, params.deelnemer, parsed.data.bericht, undefined, options)))
			error(404, 'Not Found');
		redirect(303, `${url.pathname}?verstuurd`);
	}
};
