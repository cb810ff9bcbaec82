import { hasTwoFactors } from '$lib/server/auth/session';
import { bulkExporterOf, startBulkExport } from '$lib/server/fhir/exports';
import { operationOutcome } from '$lib/server/fhir/http';
import { bulkExportQuery } from '$lib/server/fhir/schema';
import { parseForm } from '$lib/server/forms';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

/**
 * FHIR Bulk Data kick-off (`GET /api/fhir/$export`): the coordinator's organisation, signed in with
 * two factors (the export holds the access log too), asking `Prefer: respond-async`. Answers 202
 * with the status URL in Content-Location; the job writes the files (fhir/worker.ts).
 */
export const GET: RequestHandler = answered(async ({ locals, url, request }) => {
	if (!locals.actor) return operationOutcome(401, 'login', 'Sign in first.');
	await bulkExporterOf(locals.db, locals.actor);
	if (!hasTwoFactors(locals.session))
		return operationOutcome(403, 'forbidden', 'Sign in with two factors to export.');
	if (!/respond-async/i.test(request.headers.get('prefer') ?? ''))
		return operationOutcome(400, 'invalid', 'The export runs asynchronously: send "Prefer: respond-async".');
	const parsed = parseForm(bulkExportQuery, url.searchParams);
	if (!parsed.ok)
		return operationOutcome(400, 'invalid', `Not understood: ${Object.keys(parsed.errors).join(', ')}.`);
	const started = await startBulkExport(locals.db, locals.actor, {
		since: parsed.data._since ?? null,
		types: parsed.data._type
	});
	return new Response(null, {
		status: 202,
		headers: {
			'content-location': `${url.origin}/api/fhir/export/${started.id}`,
			'cache-control': 'no-store'
		}
	});
});
