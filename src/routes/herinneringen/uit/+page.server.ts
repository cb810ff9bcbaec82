import { fail } from '@sveltejs/kit';
import { personOfOptOutToken, optOut } from '$lib/server/reminders/settings';
import { requireRuntime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The link in a reminder: opening it changes nothing (mail scanners open links); the button stops them. */
export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('t') ?? '';
	return { token, valid: personOfOptOutToken(token, requireRuntime().secret) !== null };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await request.formData();
		const token = String(form.get('t') ?? '');
		if (!(await optOut(token, requireRuntime().secret))) return fail(400, { stopped: false });
		return { stopped: true };
	}
};
