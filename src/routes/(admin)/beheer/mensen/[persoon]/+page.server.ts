import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { Conflict } from '$lib/server/errors';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { moveParticipant, setAccountActive } from '$lib/server/people/lifecycle';
import { organisationPerson } from '$lib/server/people/queries';
import { deactivateInput, moveInput, reactivateInput } from '$lib/server/people/schema';
import { requestErasureFor } from '$lib/server/privacy/erasure';
import { privacyForms } from '$lib/server/privacy/schema';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

/** The person in the URL; anything that is not an id is not found, like someone of another organisation. */
function personId(param: string): string {
	const parsed = z.uuid().safeParse(param);
	if (!parsed.success) error(404, 'Not Found');
	return parsed.data;
}

export const load: PageServerLoad = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'admin');
	requireUuidParams(params);
	return { person: await organisationPerson(locals.db, actor, personId(params.persoon)) };
});

// The page's field names for the English keys of people/schema.ts.
const deactivateForm = namedFields(deactivateInput, { personId: 'persoon', confirmed: 'bevestig' });
const reactivateForm = namedFields(reactivateInput, { personId: 'persoon' });
const moveForm = namedFields(moveInput, { personId: 'persoon', groupId: 'groep' });

type Done = { done: 'deactivated' | 'reactivated' | 'moved'; groupId?: string };

// The form names the person too (as the list's forms did); it must be the person of this page.
function samePerson(params: { persoon: string }, form: FormData): FormData {
	form.set('persoon', personId(params.persoon));
	return form;
}

export const actions: Actions = {
	deactivate: answeredAction(async ({ request, locals, url, params }) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(deactivateForm, samePerson(params, await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await setAccountActive(locals.db, actor, parsed.data.personId, false);
		} catch (caught) {
			if (caught instanceof Conflict) return fail(409, { errors: { form: caught.messageKey } as FormErrors });
			throw caught;
		}
		return { done: 'deactivated' } satisfies Done;
	}),
	reactivate: answeredAction(async ({ request, locals, url, params }) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(reactivateForm, samePerson(params, await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await setAccountActive(locals.db, actor, parsed.data.personId, true);
		} catch (caught) {
			if (caught instanceof Conflict) return fail(409, { errors: { form: caught.messageKey } as FormErrors });
			throw caught;
		}
		return { done: 'reactivated' } satisfies Done;
	}),
	/** A coordinator enters an erasure request for the participant (a letter, a call); decided on its own page. */
	erasure: answeredAction(async ({ request, locals, url, params }) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(privacyForms.erasureFor, samePerson(params, await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const requestId = await requestErasureFor(locals.db, actor, parsed.data.personId);
		redirect(303, `/beheer/privacy/${requestId}`);
	}),
	move: answeredAction(async ({ request, locals, url, params }) => {
		const actor = await requireArea(locals, url, 'admin');
		requireUuidParams(params);
		const parsed = parseForm(moveForm, samePerson(params, await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await moveParticipant(locals.db, actor, parsed.data.personId, parsed.data.groupId);
		return { done: 'moved', groupId: parsed.data.groupId } satisfies Done;
	})
};
