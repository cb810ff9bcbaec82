import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { participantResults } from '$lib/server/measures/results';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** One participant's scores over time, theirs and the clinician's side by side, per factor and item. */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const results = await participantResults(locals.db, actor, params.groep, params.deelnemer);
	return { groupId: params.groep, participantId: params.deelnemer, ...results };
}) satisfies PageServerLoad;
