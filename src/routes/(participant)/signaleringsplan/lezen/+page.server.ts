import { planSectionAt } from '$lib/domain/plan';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { ownPlan } from '$lib/server/workbook/plan/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';
import { planWords } from '$lib/plan-text';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const plan = await ownPlan(locals.db, actor);
		return {
			planWords: planWords(),
			content: plan.content,
			updatedAt: plan.updatedAt,
			index: planSectionAt(url.searchParams.get('deel')).index
		};
	})
) satisfies PageServerLoad;
