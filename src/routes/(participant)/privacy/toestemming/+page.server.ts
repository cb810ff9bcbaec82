import { participantPage } from '$lib/server/pages/shell';
import { ownConsents } from '$lib/server/privacy/consent';
import { consentAction } from '$lib/server/privacy/consent-action';
import { answered } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = answered((event) =>
	participantPage(event, async ({ locals }, actor) => ({ consents: await ownConsents(locals.db, actor) }))
);

export const actions: Actions = { set: consentAction };
