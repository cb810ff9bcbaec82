import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { calendarActions } from '$lib/server/calendar/actions';
import { groupCalendar } from '$lib/server/calendar/group-calendar/queries';
import { newFormKey } from '$lib/server/idempotency';
import { answered } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const calendar = await groupCalendar(locals.db, actor, params.groep);
	return { ...calendar, formKey: newFormKey() };
}) satisfies PageServerLoad;

export const actions: Actions = calendarActions('trainer');
