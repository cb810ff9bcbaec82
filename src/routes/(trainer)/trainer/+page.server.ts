import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { trainerAttention } from '$lib/server/guidance/attention';
import { nextSession, trainerGroups } from '$lib/server/groups/queries';
import { addParticipant, Conflict } from '$lib/server/people/lifecycle';
import { addParticipantInput } from '$lib/server/people/schema';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'trainer');
	const groups = await trainerGroups(locals.db, actor);
	const now = new Date();
	const attention = await trainerAttention(actor, now);
	return {
		groups: groups.map(({ calendar, ...group }) => ({
			...group,
			next: nextSession({ ...group, calendar }, now)
		})),
		attention,
		formKey: newFormKey()
	};
};

export const actions: Actions = {
	addParticipant: async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'trainer');
		const form = await request.formData();
		const parsed = parseForm(addParticipantInput, form);
		if (!parsed.ok)
			return fail(400, { groupId: parsed.values.groep ?? '', values: parsed.values, errors: parsed.errors });
		const { groep, naam, email, telefoon } = parsed.data;
		const sent = formKey(form);
		if (!sent) {
			const values = { naam, email: email ?? '', telefoon: telefoon ?? '' } as Record<string, string>;
			return fail(400, { groupId: groep, values, errors: { form: 'form_key' } as FormErrors });
		}
		try {
			await addParticipant(actor, {
				groupId: groep,
				displayName: naam,
				email,
				phone: telefoon,
				key: sent.key
			});
		} catch (error) {
			if (!(error instanceof Conflict)) throw error;
			const values = { naam, email: email ?? '', telefoon: telefoon ?? '' } as Record<string, string>;
			return fail(409, { groupId: groep, values, errors: { email: error.key } as FormErrors });
		}
		return { groupId: groep, added: naam as string };
	}
};
