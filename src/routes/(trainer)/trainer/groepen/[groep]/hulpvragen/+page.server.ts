import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { closeHelpRequest } from '$lib/server/guidance/help-requests/commands';
import { groupHelpRequests } from '$lib/server/guidance/help-requests/queries';
import { closeRequestInput } from '$lib/server/guidance/schema';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The close form's field names, onto the input's keys. */
const CLOSE_FIELDS = { request: 'verzoek', note: 'notitie' } as const;

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return groupHelpRequests(locals.db, actor, params.groep, getLocale());
}) satisfies PageServerLoad;

export const actions = {
	close: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(namedFields(closeRequestInput, CLOSE_FIELDS), await request.formData());
		if (!parsed.ok)
			return fail(400, {
				request: parsed.values.verzoek ?? '',
				values: parsed.values,
				errors: parsed.errors
			});
		await closeHelpRequest(locals.db, actor, params.groep, parsed.data.request, parsed.data.note);
		redirect(303, `${url.pathname}?gesloten`);
	})
} satisfies Actions;
