import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { participantAnswers } from '$lib/server/curriculum/tailoring/queries';
import { answered } from '$lib/server/route';
import { planStatus } from '$lib/server/workbook/plan/queries';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const answers = await participantAnswers(locals.db, actor, params.groep, params.deelnemer, getLocale());
	return { ...answers, plan: await planStatus(locals.db, actor, params.deelnemer) };
}) satisfies PageServerLoad;
