import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { markBoardRulesSeen } from '$lib/server/board/commands';
import { boardRulesSeen } from '$lib/server/board/queries';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => ({ seen: await boardRulesSeen(locals.db, actor) }))
) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		await markBoardRulesSeen(locals.db, actor);
		redirect(303, '/prikbord');
	})
} satisfies Actions;
