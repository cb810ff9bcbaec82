import { hasTwoFactors } from '$lib/server/auth/session';
import { bulkExportOf, manifestOf } from '$lib/server/fhir/exports';
import { fhirJson, operationOutcome } from '$lib/server/fhir/http';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

/**
 * FHIR Bulk Data status: 202 with X-Progress while the job runs, 200 with the manifest when the
 * files are there, 500 with an OperationOutcome when it failed. Another organisation's export: 404.
 */
export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	if (!locals.actor) return operationOutcome(401, 'login', 'Sign in first.');
	if (!hasTwoFactors(locals.session))
		return operationOutcome(403, 'forbidden', 'Sign in with two factors to export.');
	requireUuidParams(params);
	const row = await bulkExportOf(locals.db, locals.actor, params.id);
	if (row.status === 'failed') return operationOutcome(500, 'exception', row.error ?? 'The export failed.');
	if (row.status !== 'done')
		return new Response(null, {
			status: 202,
			headers: {
				'x-progress': `${row.status} ${row.progress}%`,
				'retry-after': '2',
				'cache-control': 'no-store'
			}
		});
	return fhirJson(manifestOf(row, `${url.origin}/api/fhir`), 200, {
		expires: new Date(Date.now() + 86_400_000).toUTCString()
	});
});
