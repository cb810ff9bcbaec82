import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { calendarActions } from '$lib/server/calendar/actions';
import { groupCalendar } from '$lib/server/calendar/group-calendar/queries';
import { organisationAttention } from '$lib/server/guidance/attention/queries';
import { newFormKey } from '$lib/server/idempotency';
import { answered } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	const calendar = await groupCalendar(locals.db, actor, params.groep);
	const attention =
		(await organisationAttention(locals.db, actor, undefined, [calendar.group.id])).get(calendar.group.id) ??
		null;
	return { ...calendar, attention, formKey: newFormKey() };
}) satisfies PageServerLoad;

export const actions: Actions = calendarActions('admin');
