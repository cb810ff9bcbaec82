import { requireArea } from '$lib/server/auth/guard';
import { STARTER_LESSONS } from '$lib/domain/starter-lessons';
import { lessonsDone } from '$lib/server/guidance/starter-lessons';
import { currentDb } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'participant');
	const done = await lessonsDone(currentDb(), actor.personId);
	return { lessons: STARTER_LESSONS.map((lesson) => ({ key: lesson.key, done: done.includes(lesson.key) })) };
};
