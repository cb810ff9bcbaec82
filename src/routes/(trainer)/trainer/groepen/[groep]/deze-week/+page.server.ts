import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { calendarDay } from '$lib/server/forms';
import { groupWeek } from '$lib/server/goals/trainer';
import { answered } from '$lib/server/route';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const asked = url.searchParams.get('week');
	const week = asked ? calendarDay.safeParse(asked) : null;
	if (week && !week.success) error(400, 'Bad Request');
	const found = await groupWeek(locals.db, actor, params.groep, week?.data ?? null);
	return { ...found, large: url.searchParams.has('groot') };
}) satisfies PageServerLoad;
