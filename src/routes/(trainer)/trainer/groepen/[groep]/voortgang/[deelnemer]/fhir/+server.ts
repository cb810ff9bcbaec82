import { requireArea } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { bundleDownload } from '$lib/server/fhir/http';
import { participantBundle } from '$lib/server/fhir/participant';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** A participant's record as a FHIR R4 Bundle, for a trainer of their group now. Logged (export). */
export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const bundle = await participantBundle(locals.db, actor, params.deelnemer, {
		secret: locals.app.secret,
		locale: getLocale(),
		publicBaseUrl: config().publicBaseUrl,
		groupId: params.groep
	});
	return bundleDownload(bundle);
});
