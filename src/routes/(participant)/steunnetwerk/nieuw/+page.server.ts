import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { formKey, newFormKey } from '$lib/server/idempotency';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { addSupporter } from '$lib/server/workbook/network/commands';
import { networkForms } from '$lib/server/workbook/network/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async () => ({ formKey: newFormKey() }))
) satisfies PageServerLoad;

export const actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(networkForms.supporter, form, { lists: ['steun'] });
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, values: parsed.values, lists: parsed.lists ?? {} });
		const sent = formKey(form);
		if (!sent)
			return fail(400, {
				errors: { form: 'form_key' } as FormErrors,
				values: { naam: parsed.data.name, contact: parsed.data.frequency },
				lists: { steun: parsed.data.kinds }
			});
		await addSupporter(locals.db, actor, { ...parsed.data, key: sent.key });
		redirect(303, '/steunnetwerk?toegevoegd');
	})
} satisfies Actions;
