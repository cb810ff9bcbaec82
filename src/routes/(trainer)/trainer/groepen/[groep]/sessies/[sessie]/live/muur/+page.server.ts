import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { wallForTrainer } from '$lib/server/live/queries';
import { shellData } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** The wall (projector view) has no layout of its own: it brings the frame's data itself. */
export const load = answered(async (event: PageServerLoadEvent) => {
	const actor = await requireArea(event.locals, event.url, 'trainer');
	requireUuidParams(event.params);
	const wall = await wallForTrainer(event.locals.db, actor, event.params.groep, event.params.sessie);
	return { ...(await shellData(event)), ...wall };
}) satisfies PageServerLoad;
