import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { Conflict } from '$lib/server/errors';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { boardAttention } from '$lib/server/board/queries';
import { trainerAttention } from '$lib/server/guidance/attention/queries';
import { measureAttention } from '$lib/server/measures/results';
import { daysBetween, local } from '$lib/domain/schedule';
import { groupsAtAGlance } from '$lib/server/groups/glance';
import { nextSession, trainerGroups } from '$lib/server/groups/queries';
import { addParticipant } from '$lib/server/people/lifecycle';
import { addParticipantInput } from '$lib/server/people/schema';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent } from './$types';

const addParticipantForm = namedFields(addParticipantInput, {
	groupId: 'groep',
	displayName: 'naam',
	email: 'email',
	phone: 'telefoon'
});

export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	const groups = await trainerGroups(locals.db, actor);
	const now = new Date();
	const attention = await trainerAttention(locals.db, actor, now);
	// Reports and waiting posts on the group boards: at once, above the participants.
	const board = await boardAttention(locals.db, actor);
	// Questionnaires of the open measure moment still to fill in, per group (counts only).
	const measures = await measureAttention(locals.db, actor, now);
	const glance = await groupsAtAGlance(locals.db, actor, now);
	const today = local(now).date;
	return {
		groups: groups.map(({ calendar, ...group }) => ({
			...group,
			next: nextSession({ ...group, calendar }, now),
			glance: (glance.get(group.id) ?? []).map(({ lastSignIn, ...row }) => ({
				...row,
				// Days since the last sign-in, by the course's calendar; null: never signed in.
				signInDays: lastSignIn ? daysBetween(local(lastSignIn).date, today) : null
			}))
		})),
		attention,
		board,
		measures,
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

export const actions: Actions = {
	addParticipant: answeredAction(async ({ request, locals, url }) => {
		const actor = await requireArea(locals, url, 'trainer');
		const form = await request.formData();
		const parsed = parseForm(addParticipantForm, form);
		if (!parsed.ok)
			return fail(400, { groupId: parsed.values.groep ?? '', values: parsed.values, errors: parsed.errors });
		const { groupId: groep, displayName: naam, email, phone: telefoon } = parsed.data;
		const sent = formKey(form);
		if (!sent) {
			const values = { naam, email: email ?? '', telefoon: telefoon ?? '' } as Record<string, string>;
			return fail(400, { groupId: groep, values, errors: { form: 'form_key' } as FormErrors });
		}
		try {
			await addParticipant(locals.db, actor, {
				groupId: groep,
				displayName: naam,
				email,
				phone: telefoon,
				key: sent.key
			});
		} catch (error) {
			if (!(error instanceof Conflict)) throw error;
			const values = { naam, email: email ?? '', telefoon: telefoon ?? '' } as Record<string, string>;
			return fail(409, { groupId: groep, values, errors: { email: error.messageKey } as FormErrors });
		}
		return { groupId: groep, added: naam as string };
	})
};
