import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { newPasswordInput } from '$lib/server/auth/schema';
import { chooseOwnPassword, signInEmailOf } from '$lib/server/auth/own-password';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

const passwordForm = namedFields(newPasswordInput, { password: 'wachtwoord' });

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ locals }, actor) => {
		const email = await signInEmailOf(locals.db, actor);
		if (!email) redirect(303, '/terugkomen');
		return { email };
	});

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'participant');
		if (!(await signInEmailOf(locals.db, actor))) redirect(303, '/terugkomen');
		const parsed = parseForm(passwordForm, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await chooseOwnPassword(locals.db, actor, parsed.data.password);
		redirect(303, '/terugkomen/klaar?met=wachtwoord');
	}
};
