import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { contentOverview, publishDraft, startDraft } from '$lib/server/curriculum/editing';
import { parseForm } from '$lib/server/forms';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

const publishInput = z.object({ zeker: z.literal('ja', { error: 'confirm_required' }) });

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const overview = await contentOverview(actor, getLocale());
	if (!overview) error(403, 'Forbidden');
	return overview;
};

export const actions: Actions = {
	newVersion: async ({ locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const number = await startDraft(actor);
		if (number === null) error(404, 'Not Found');
		return { made: number };
	},
	/** Publishing only after ticking "I have checked the texts". */
	publish: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(publishInput, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const number = await publishDraft(actor);
		if (number === null) error(404, 'Not Found');
		return { published: number };
	}
};
