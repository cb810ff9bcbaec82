import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { MESSAGE_MAX, sendMessage, thread } from '$lib/server/guidance/messages';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async (_event, actor) => {
		const found = await thread(actor, actor.personId);
		return { thread: found };
	});

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		const body = String((await request.formData()).get('bericht') ?? '');
		if (!body.trim()) return fail(400, { body, error: 'message_required' });
		if (body.length > MESSAGE_MAX) return fail(400, { body, error: 'too_long' });
		if (!(await sendMessage(actor, actor.personId, body))) error(404, 'Not Found');
		redirect(303, '/berichten?verstuurd');
	}
};
