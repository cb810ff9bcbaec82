import { getLocale } from '$lib/paraglide/runtime.js';
import { requireArea } from '$lib/server/auth/guard';
import { participantPage } from '$lib/server/pages/shell';
import { ownExportState, requestOwnExport } from '$lib/server/privacy/export';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = answered((event) =>
	participantPage(event, async ({ locals }, actor) => ({ state: await ownExportState(locals.db, actor) }))
);

export const actions: Actions = {
	start: answeredAction(async ({ locals, url }) => {
		const actor = await requireArea(locals, url, 'participant');
		await requestOwnExport(locals.db, actor, getLocale());
		return { started: true };
	})
};
