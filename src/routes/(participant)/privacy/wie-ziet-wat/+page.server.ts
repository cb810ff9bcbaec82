import { participantPage } from '$lib/server/pages/shell';
import { consentAction } from '$lib/server/privacy/consent-action';
import { ownVisibility } from '$lib/server/privacy/visibility';
import { answered } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = answered((event) =>
	participantPage(event, async ({ locals }, actor) => ({ who: await ownVisibility(locals.db, actor) }))
);

export const actions: Actions = { set: consentAction };
