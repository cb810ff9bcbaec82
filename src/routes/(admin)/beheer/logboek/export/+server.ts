import { error } from '@sveltejs/kit';
import { accessLogOfOrganisation } from '$lib/server/audit/queries';
import { organisationLogParams, organisationLogQuery } from '$lib/server/audit/schema';
import { toCsv } from '$lib/server/audit/csv';
import { getLocale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guard';
import { hasTwoFactors } from '$lib/server/auth/session';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

const logQuery = namedFields(organisationLogQuery, organisationLogParams);

/** The filtered access log as CSV (UTF-8, comma-separated, one row per event). The export is logged. */
export const GET: RequestHandler = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	// Only after signing in with two factors (NEN 7513 log of everyone's access).
	if (!hasTwoFactors(locals.session)) error(403, 'two_factors_required');
	const parsed = parseForm(logQuery, url.searchParams);
	if (!parsed.ok) error(400, 'Bad Request');
	const rows = await accessLogOfOrganisation(locals.db, actor, parsed.data, {
		limit: 100_000,
		purpose: 'export'
	});
	const today = new Date().toISOString().slice(0, 10);
	return new Response(toCsv(rows, getLocale()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="herstelpad-logboek-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
});
