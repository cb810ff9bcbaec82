import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { dryRunRetention, retentionOverview, saveRetention } from '$lib/server/privacy/retention';
import { retentionForm } from '$lib/server/privacy/schema';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

/** The organisation's retention periods, the dry run and the last runs of the daily job. */
export const load: PageServerLoad = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	return await retentionOverview(locals.db, actor);
});

export const actions: Actions = {
	save: answeredAction(async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(retentionForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await saveRetention(locals.db, actor, parsed.data);
		return { saved: true };
	}),
	dryRun: answeredAction(async ({ locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		return { report: await dryRunRetention(locals.db, actor) };
	})
};
