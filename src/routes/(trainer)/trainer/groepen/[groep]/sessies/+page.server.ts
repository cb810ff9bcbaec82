import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { calendarActions } from '$lib/server/calendar/actions';
import { groupCalendar } from '$lib/server/calendar/calendar';
import { newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const calendar = await groupCalendar(actor, params.groep);
	if (!calendar) error(404, 'Not Found');
	return { ...calendar, formKey: newFormKey() };
};

export const actions: Actions = calendarActions('trainer');
