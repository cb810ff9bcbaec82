import { error } from '@sveltejs/kit';
import { hasTwoFactors } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { openExportFile } from '$lib/server/fhir/exports';
import { operationOutcome } from '$lib/server/fhir/http';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

/** One file of a finished bulk export (`<Type>.ndjson`), streamed; every download is logged. */
export const GET: RequestHandler = answered(async ({ locals, params }) => {
	if (!locals.actor) return operationOutcome(401, 'login', 'Sign in first.');
	if (!hasTwoFactors(locals.session))
		return operationOutcome(403, 'forbidden', 'Sign in with two factors to export.');
	requireUuidParams(params);
	const type = /^([A-Za-z]{1,40})\.ndjson$/.exec(params.bestand)?.[1];
	if (!type) error(404, 'Not Found');
	const stream = await openExportFile(locals.db, locals.actor, params.id, type, config().dataDir);
	return new Response(stream, {
		headers: {
			'content-type': 'application/fhir+ndjson',
			'content-disposition': `attachment; filename="${type}.ndjson"`,
			'cache-control': 'no-store'
		}
	});
});
