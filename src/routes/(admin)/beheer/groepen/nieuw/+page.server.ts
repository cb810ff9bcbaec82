import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { createGroup } from '$lib/server/calendar/group-calendar/commands';
import { organisationTrainers } from '$lib/server/calendar/group-calendar/queries';
import { parseNewGroup } from '$lib/server/calendar/schema';
import type { FormErrors } from '$lib/server/forms';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	return { trainers: await organisationTrainers(locals.db, actor) };
}) satisfies PageServerLoad;

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseNewGroup(await request.formData());
		const { values } = parsed;
		const chosen = parsed.lists.trainer ?? [];
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, chosen, line: parsed.daysOffLine });
		const created = await createGroup(locals.db, actor, parsed.data);
		if (!created.ok) {
			const field =
				created.error === 'name_taken' ? 'naam' : created.error === 'no_sessions' ? 'einddatum' : 'trainer';
			return fail(409, { values, errors: { [field]: created.error } as FormErrors, chosen, line: undefined });
		}
		redirect(303, `/beheer/groepen/${created.id}?nieuw=${created.sessions}`);
	})
};
