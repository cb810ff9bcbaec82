import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { groupThread } from '$lib/server/guidance/messages/queries';
import { sendMessage } from '$lib/server/guidance/messages/commands';
import { messageInput } from '$lib/server/guidance/schema';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { requireUuidParams } from '$lib/server/input';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	// A participant of another group is not found here, and their thread is neither read nor logged.
	const found = await groupThread(locals.db, actor, params.groep, params.deelnemer);
	return { thread: found, formKey: newFormKey() };
}) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(namedFields(messageInput, { body: 'bericht' }), form);
		if (!parsed.ok)
			return fail(400, { body: parsed.values.bericht ?? '', error: parsed.errors.bericht ?? 'invalid' });
		const sent = formKey(form);
		if (!sent) return fail(400, { body: parsed.data.body, error: 'form_key' });
		await sendMessage(locals.db, actor, params.deelnemer, parsed.data.body, {
			inGroup: params.groep,
			key: sent.key
		});
		redirect(303, `${url.pathname}?verstuurd`);
	})
} satisfies Actions;
