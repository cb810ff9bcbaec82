import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { calendarDay } from '$lib/server/forms';
import { groupWeek } from '$lib/server/goals/trainer';
import { answered } from '$lib/server/route';
import { groupCalendar, sessionForTrainer } from '$lib/server/calendar/group-calendar/queries';
import { newFormKey } from '$lib/server/idempotency';
import { everyonePresentAction } from '../attendance-everyone';
import type { Actions, PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const asked = url.searchParams.get('week');
	const week = asked ? calendarDay.safeParse(asked) : null;
	if (week && !week.success) error(400, 'Bad Request');
	const found = await groupWeek(locals.db, actor, params.groep, week?.data ?? null);
	// The week's session, for attendance in one step ("everyone was there", then the exceptions).
	const calendar = await groupCalendar(locals.db, actor, params.groep);
	const held = calendar.sessions.find(
		(session) => session.status === 'planned' && session.date === found.weekStart
	);
	const attendance = held ? await sessionForTrainer(locals.db, actor, params.groep, held.id) : null;
	return {
		...found,
		large: url.searchParams.has('groot'),
		attendance: attendance && {
			sessionId: attendance.session.id,
			date: attendance.session.date,
			done: attendance.attendance.filter((row) => row.status !== null).length,
			total: attendance.attendance.length
		},
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

export const actions = { everyonePresent: everyonePresentAction } satisfies Actions;
