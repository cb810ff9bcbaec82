/**
 * "Iedereen aanwezig": one click marks every participant not marked yet as present for a session, the
 * same form action on the session page and on the group's "Deze week" page; back to the same page.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { recordAttendance } from '$lib/server/calendar/group-calendar/commands';
import { everyonePresentInput } from '$lib/server/calendar/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { formKey } from '$lib/server/idempotency';
import { requireUuidParams } from '$lib/server/input';
import { answeredAction } from '$lib/server/route';

const everyoneFields = namedFields(everyonePresentInput, { sessionId: 'sessie' });

export const everyonePresentAction = answeredAction(
	async ({ locals, url, request, params }: RequestEvent<{ groep: string; sessie?: string }>) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const form = await request.formData();
		const parsed = parseForm(everyoneFields, form);
		const sent = formKey(form);
		if (!parsed.ok || !sent)
			return fail(400, {
				attendance: true,
				errors: { form: parsed.ok ? 'form_key' : 'invalid' } as FormErrors
			});
		// On a session's own page, that session (the address names it); on "Deze week", the form's.
		const sessionId = params.sessie ?? parsed.data.sessionId;
		await recordAttendance(locals.db, actor, params.groep, sessionId, 'rest_present', sent.key);
		redirect(303, `${url.pathname}?aanwezigheid#attendance`);
	}
);
