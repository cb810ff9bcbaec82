import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { calendarActions } from '$lib/server/calendar/actions';
import { groupCalendar } from '$lib/server/calendar/calendar';
import { organisationAttention } from '$lib/server/guidance/attention';
import { newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	const calendar = await groupCalendar(actor, params.groep);
	if (!calendar) error(404, 'Not Found');
	const attention =
		(await organisationAttention(locals.db, actor, undefined, [calendar.group.id])).get(calendar.group.id) ??
		null;
	return { ...calendar, attention, formKey: newFormKey() };
};

export const actions: Actions = calendarActions('admin');
