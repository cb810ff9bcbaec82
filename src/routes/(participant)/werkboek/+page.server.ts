import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** What the workbook holds, and the form that makes it (the PDF itself: ./pdf/+server.ts). */
export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async () => ({}))
) satisfies PageServerLoad;
