import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, type FormErrors } from '$lib/server/forms';
import {
	Conflict,
	moveParticipant,
	organisationPeopleWithGroups,
	setAccountActive
} from '$lib/server/people/lifecycle';
import { deactivateInput, moveInput, reactivateInput } from '$lib/server/people/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	return await organisationPeopleWithGroups(actor);
};

type Done = { done: 'deactivated' | 'reactivated' | 'moved'; personId: string; groupId?: string };

export const actions: Actions = {
	deactivate: async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(deactivateInput, await request.formData());
		if (!parsed.ok) return fail(400, { personId: parsed.values.persoon ?? '', errors: parsed.errors });
		try {
			await setAccountActive(actor, parsed.data.persoon, false);
		} catch (error) {
			if (error instanceof Conflict)
				return fail(409, { personId: parsed.data.persoon, errors: { form: error.key } as FormErrors });
			throw error;
		}
		return { done: 'deactivated', personId: parsed.data.persoon } satisfies Done;
	},
	reactivate: async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(reactivateInput, await request.formData());
		if (!parsed.ok) return fail(400, { personId: parsed.values.persoon ?? '', errors: parsed.errors });
		await setAccountActive(actor, parsed.data.persoon, true);
		return { done: 'reactivated', personId: parsed.data.persoon } satisfies Done;
	},
	move: async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(moveInput, await request.formData());
		if (!parsed.ok) return fail(400, { personId: parsed.values.persoon ?? '', errors: parsed.errors });
		await moveParticipant(actor, parsed.data.persoon, parsed.data.groep);
		return { done: 'moved', personId: parsed.data.persoon, groupId: parsed.data.groep } satisfies Done;
	}
};
