import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { noteUsage } from '$lib/server/usage/events';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** What the workbook holds, and the form that makes it (the PDF itself: ./pdf/+server.ts). */
export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		await noteUsage(locals.db, actor, 'workbook_opened');
		return {};
	})
) satisfies PageServerLoad;
