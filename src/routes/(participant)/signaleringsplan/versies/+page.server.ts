import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { ownPlanVersions } from '$lib/server/workbook/plan/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => ({ versions: await ownPlanVersions(locals.db, actor) }))
) satisfies PageServerLoad;
