import { findMemberGroup } from '$lib/server/access';
import { resultsOf } from '$lib/server/measures/results';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** The participant's own scores over time, with the trainer's beside them (their own: not logged). */
export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const member = await findMemberGroup(locals.db, actor);
		const results = member
			? await resultsOf(locals.db, member.organisationId, actor.personId)
			: { points: [], items: [], factors: [], ownWording: false };
		return {
			...results,
			sent: url.searchParams.has('verstuurd'),
			factorsPage: url.searchParams.get('deel') === '2'
		};
	})
) satisfies PageServerLoad;
