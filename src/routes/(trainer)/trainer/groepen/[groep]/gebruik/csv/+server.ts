import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { usageCsvResponse } from '$lib/server/usage/csv';
import { usageForExport } from '$lib/server/usage/queries';
import type { RequestHandler } from './$types';

/** One group's use figures as CSV; the download is logged. */
export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const { figures } = await usageForExport(locals.db, actor, params.groep);
	return usageCsvResponse(figures, 'groep');
});
