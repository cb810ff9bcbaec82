import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { workbookContent } from '$lib/server/workbook/pdf/content';
import { workbookQuery, workbookResponse } from '$lib/server/workbook/pdf/response';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** A participant's workbook printed by a trainer of their group (`?groot=1`: large print). Logged. */
export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const parsed = parseForm(workbookQuery, url.searchParams);
	if (!parsed.ok) error(400, 'Bad Request');
	const content = await workbookContent(locals.db, actor, params.deelnemer, getLocale(), {
		inGroup: { groupId: params.groep }
	});
	return workbookResponse(content, parsed.data);
});
