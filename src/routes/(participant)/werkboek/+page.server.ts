import { participantPage } from '$lib/server/pages/shell';
import { courseEndedOn, readOnlyUntil } from '$lib/server/privacy/course-end';
import { answered } from '$lib/server/route';
import { noteUsage } from '$lib/server/usage/events';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** What the workbook holds, and the form that makes it (the PDF itself: ./pdf/+server.ts). */
export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		await noteUsage(locals.db, actor, 'workbook_opened');
		// After the course: read-only until the organisation's period is over (privacy/course-end.ts).
		const endedOn = await courseEndedOn(locals.db, actor.personId);
		const readOnlyUntilDay =
			endedOn && actor.organisationId ? await readOnlyUntil(locals.db, actor.organisationId, endedOn) : null;
		return { readOnlyUntil: readOnlyUntilDay };
	})
) satisfies PageServerLoad;
