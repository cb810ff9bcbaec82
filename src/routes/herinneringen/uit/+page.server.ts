import { fail } from '@sveltejs/kit';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { optOutInput } from '$lib/server/reminders/schema';
import { personOfOptOutToken } from '$lib/server/reminders/opt-out-token';
import { optOut } from '$lib/server/reminders/commands';
import type { Actions, PageServerLoad } from './$types';

/** The form's one field, named as in the link: "t". */
const stopForm = namedFields(optOutInput, { token: 't' });

/** The link in a reminder: opening it changes nothing (mail scanners open links); the button stops them. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const token = url.searchParams.get('t') ?? '';
	return { token, valid: personOfOptOutToken(token, locals.app.secret) !== null };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const parsed = parseForm(stopForm, await request.formData());
		if (!parsed.ok) return fail(400, { stopped: false });
		if (!(await optOut(locals.db, parsed.data.token, locals.app.secret)))
			return fail(400, { stopped: false });
		return { stopped: true };
	}
};
