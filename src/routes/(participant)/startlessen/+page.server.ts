import { STARTER_LESSONS } from '$lib/domain/starter-lessons';
import { lessonsDone } from '$lib/server/guidance/starter-lessons';
import type { PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async (_event, actor) => {
		const done = await lessonsDone(event.locals.db, actor.personId);
		return {
			lessons: STARTER_LESSONS.map((lesson) => ({ key: lesson.key, done: done.includes(lesson.key) }))
		};
	});
