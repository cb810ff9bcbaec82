import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm } from '$lib/server/forms';
import { personOfOptOutToken, optOut } from '$lib/server/reminders/settings';
import type { Actions, PageServerLoad } from './$types';

/** The form's one field: the signed token from the link ("t"), checked by the capability. */
const stopInput = z.object({ t: z.string().max(500, 'invalid') });

/** The link in a reminder: opening it changes nothing (mail scanners open links); the button stops them. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const token = url.searchParams.get('t') ?? '';
	return { token, valid: personOfOptOutToken(token, locals.app.secret) !== null };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const parsed = parseForm(stopInput, await request.formData());
		if (!parsed.ok) return fail(400, { stopped: false });
		if (!(await optOut(locals.db, parsed.data.t, locals.app.secret))) return fail(400, { stopped: false });
		return { stopped: true };
	}
};
