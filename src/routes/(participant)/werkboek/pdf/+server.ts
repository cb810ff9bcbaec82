import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { answered } from '$lib/server/route';
import { noteUsage } from '$lib/server/usage/events';
import { workbookContent } from '$lib/server/workbook/pdf/content';
import { workbookQuery, workbookResponse } from '$lib/server/workbook/pdf/response';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** The participant's own workbook as a PDF download (`?groot=1`: large print). Printing is logged. */
export const GET: RequestHandler = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'participant');
	const parsed = parseForm(workbookQuery, url.searchParams);
	if (!parsed.ok) error(400, 'Bad Request');
	const content = await workbookContent(locals.db, actor, actor.personId, getLocale());
	await noteUsage(locals.db, actor, 'workbook_pdf');
	return workbookResponse(content, parsed.data);
});
