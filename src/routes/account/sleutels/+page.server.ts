import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { listOwnPasskeys, removeOwnPasskey } from '$lib/server/auth/passkeys';
import { removePasskeyInput } from '$lib/server/auth/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'account');
	return { passkeys: await listOwnPasskeys(locals.db, actor), made: url.searchParams.has('gemaakt') };
};

const removeForm = namedFields(removePasskeyInput, { passkeyId: 'sleutel', confirmed: 'bevestig' });

export const actions: Actions = {
	remove: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'account');
		const parsed = parseForm(removeForm, await request.formData());
		if (!parsed.ok) return fail(400, { passkeyId: parsed.values.sleutel ?? '', errors: parsed.errors });
		// Someone else's passkey id is as good as unknown.
		if (!(await removeOwnPasskey(locals.db, actor, parsed.data.passkeyId))) {
			return fail(404, { passkeyId: parsed.data.passkeyId, errors: { form: 'invalid' } as FormErrors });
		}
		return { removed: true };
	}
};
