import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { contentOverview } from '$lib/server/curriculum/editing/queries';
import { publishDraft, startDraft } from '$lib/server/curriculum/editing/commands';
import { parseForm } from '$lib/server/forms';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

const publishInput = z.object({ zeker: z.literal('ja', { error: 'confirm_required' }) });

export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	return contentOverview(locals.db, actor, getLocale());
}) satisfies PageServerLoad;

export const actions: Actions = {
	newVersion: answeredAction(async ({ locals, url }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		return { made: await startDraft(locals.db, actor) };
	}),
	/** Publishing only after ticking "I have checked the texts". */
	publish: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(publishInput, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		return { published: await publishDraft(locals.db, actor) };
	})
};
