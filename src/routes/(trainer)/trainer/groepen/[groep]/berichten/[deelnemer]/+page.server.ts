import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { trainedGroup } from '$lib/server/curriculum/tailoring';
import { parseForm } from '$lib/server/forms';
import { messageInput, sendMessage, thread } from '$lib/server/guidance/messages';
import { requireUuidParams } from '$lib/server/input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const group = await trainedGroup(actor, params.groep);
	// A participant of another group is not found here, and their thread is neither read nor logged.
	const found = group ? await thread(actor, params.deelnemer, undefined, { inGroup: group.id }) : null;
	if (!found) error(404, 'Not Found');
	return { thread: found };
};

export const actions: Actions = {
	default: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const group = await trainedGroup(actor, params.groep);
		if (!group) error(404, 'Not Found');
		const parsed = parseForm(messageInput, await request.formData());
		if (!parsed.ok)
			return fail(400, { body: parsed.values.bericht ?? '', error: parsed.errors.bericht ?? 'invalid' });
		if (!(await sendMessage(actor, params.deelnemer, parsed.data.bericht, undefined, { inGroup: group.id })))
			error(404, 'Not Found');
		redirect(303, `${url.pathname}?verstuurd`);
	}
};
