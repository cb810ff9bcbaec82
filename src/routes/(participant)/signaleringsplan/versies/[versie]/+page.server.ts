import { error } from '@sveltejs/kit';
import { isUuid } from '$lib/domain/ids';
import { planSectionAt } from '$lib/domain/plan';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { ownPlanVersion } from '$lib/server/workbook/plan/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';
import { planWords } from '$lib/plan-text';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, params, url }, actor) => {
		if (!isUuid(params.versie)) error(404, 'Not Found');
		return {
			planWords: planWords(),
			version: await ownPlanVersion(locals.db, actor, params.versie),
			index: planSectionAt(url.searchParams.get('deel')).index
		};
	})
) satisfies PageServerLoad;
