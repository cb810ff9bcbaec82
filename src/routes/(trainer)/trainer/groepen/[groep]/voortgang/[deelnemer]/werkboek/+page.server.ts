import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { workbookPrintFor } from '$lib/server/workbook/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** Printing a participant's workbook for them (the PDF itself: ./pdf/+server.ts). */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	return workbookPrintFor(locals.db, actor, params.groep, params.deelnemer);
}) satisfies PageServerLoad;
