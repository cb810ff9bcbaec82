import { requireArea } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { bundleDownload } from '$lib/server/fhir/http';
import { participantBundle } from '$lib/server/fhir/participant';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** A participant's record as a FHIR R4 Bundle, for the coordinator of their organisation. Logged (export). */
export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	const bundle = await participantBundle(locals.db, actor, params.persoon, {
		secret: locals.app.secret,
		locale: getLocale(),
		publicBaseUrl: config().publicBaseUrl
	});
	return bundleDownload(bundle);
});
