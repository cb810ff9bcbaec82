import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { CLOSE_NOTE_MAX, closeHelpRequest, groupHelpRequests } from '$lib/server/guidance/help-requests';
import type { Actions, PageServerLoad } from './$types';

const closeInput = z.object({
	verzoek: z.string().uuid('invalid'),
	notitie: z.string({ error: 'note_required' }).trim().min(1, 'note_required').max(CLOSE_NOTE_MAX, 'too_long')
});

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const found = await groupHelpRequests(actor, params.groep);
	if (!found) error(404, 'Not Found');
	return found;
};

export const actions: Actions = {
	close: async ({ locals, url, request, params }) => {
		const actor = await requireArea(locals, url, 'trainer');
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
