import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { sendMessage } from '$lib/server/guidance/messages/commands';
import { thread } from '$lib/server/guidance/messages/queries';
import { messageInput } from '$lib/server/guidance/schema';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const found = await thread(locals.db, actor, actor.personId);
		return { thread: found, formKey: newFormKey() };
	})
) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(namedFields(messageInput, { body: 'bericht' }), form);
		if (!parsed.ok)
			return fail(400, { body: parsed.values.bericht ?? '', error: parsed.errors.bericht ?? 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { body: parsed.data.body, error: 'form_key' });
		await sendMessage(locals.db, actor, actor.personId, parsed.data.body, { key: sent.key });
		redirect(303, '/berichten?verstuurd');
	})
} satisfies Actions;
