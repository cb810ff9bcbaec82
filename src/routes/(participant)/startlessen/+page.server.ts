import { STARTER_LESSONS } from '$lib/domain/starter-lessons';
import { lessonsDone } from '$lib/server/guidance/starter-lessons/queries';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const done = await lessonsDone(locals.db, actor.personId);
		return {
			lessons: STARTER_LESSONS.map((lesson) => ({
				key: lesson.key,
				slug: lesson.slug,
				done: done.includes(lesson.key)
			}))
		};
	})
) satisfies PageServerLoad;
