import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { addOwnTool } from '$lib/server/workbook/toolbox/commands';
import { toolboxForms } from '$lib/server/workbook/toolbox/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async () => ({ formKey: newFormKey() }))
) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(toolboxForms.own, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const sent = formKey(form);
		if (!sent)
			return fail(400, { errors: { form: 'form_key' } as FormErrors, values: { tekst: parsed.data.text } });
		const id = await addOwnTool(locals.db, actor, { text: parsed.data.text, key: sent.key });
		redirect(303, `/wat-helpt-mij/${id}?toegevoegd`);
	})
} satisfies Actions;
