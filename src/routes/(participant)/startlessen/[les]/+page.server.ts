import { error, redirect } from '@sveltejs/kit';
import { starterLessonAt } from '$lib/domain/starter-lessons';
import { requireArea } from '$lib/server/auth/guard';
import { finishLesson } from '$lib/server/guidance/starter-lessons/commands';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ url, params }) => {
		const lesson = starterLessonAt(params.les);
		if (!lesson) error(404, 'Not Found');
		const asked = url.searchParams.get('scherm') ?? '1';
		const screen = /^[1-9]$/.test(asked) ? Number(asked) : 0;
		if (screen < 1 || screen > lesson.screens) error(404, 'Not Found');
		return { key: lesson.key, slug: lesson.slug, screen, screens: lesson.screens };
	})
) satisfies PageServerLoad;

export const actions = {
	/** The lesson's last screen: "Klaar". */
	default: answeredAction(async ({ locals, url, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		// An unknown lesson: finishLesson answers NotFound for the empty key.
		await finishLesson(locals.db, actor, starterLessonAt(params.les)?.key ?? '');
		redirect(303, '/startlessen');
	})
} satisfies Actions;
