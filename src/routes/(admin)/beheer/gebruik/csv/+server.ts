import { requireArea } from '$lib/server/auth/guard';
import { answered } from '$lib/server/route';
import { usageCsvResponse } from '$lib/server/usage/csv';
import { usageForExport } from '$lib/server/usage/queries';
import type { RequestHandler } from './$types';

/** The organisation's use figures as CSV (counts only, small ones hidden); the download is logged. */
export const GET: RequestHandler = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const { figures } = await usageForExport(locals.db, actor, null);
	return usageCsvResponse(figures, 'organisatie');
});
