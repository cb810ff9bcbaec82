import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { freeText, requireUuidParams, uuid } from '$lib/server/input';
import { parseForm } from '$lib/server/forms';
import { CLOSE_NOTE_MAX, closeHelpRequest, groupHelpRequests } from '$lib/server/guidance/help-requests';
import type { Actions, PageServerLoad } from './$types';

const closeInput = z.object({
	verzoek: uuid('invalid'),
	notitie: freeText(CLOSE_NOTE_MAX, { required: 'note_required' })
});

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const found = await groupHelpRequests(actor, params.groep);
	if (!found) error(404, 'Not Found');
	return found;
};

export const actions: Actions = {
	close: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const parsed = parseForm(closeInput, await request.formData());
		if (!parsed.ok)
			return fail(400, {
				request: parsed.values.verzoek ?? '',
				values: parsed.values,
				errors: parsed.errors
			});
		if (!(await closeHelpRequest(actor, params.groep, parsed.data.verzoek, parsed.data.notitie)))
			error(404, 'Not Found');
		redirect(303, `${url.pathname}?gesloten`);
	}
};
