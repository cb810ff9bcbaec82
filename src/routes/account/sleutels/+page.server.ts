import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { listOwnPasskeys, removeOwnPasskey } from '$lib/server/auth/passkeys';
import { parseForm, type FormErrors } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'account');
	return { passkeys: await listOwnPasskeys(locals.db, actor), made: url.searchParams.has('gemaakt') };
};

const removeInput = z.object({
	// A WebAuthn credential id, base64url.
	sleutel: z.string().regex(/^[A-Za-z0-9_-]{1,1000}$/, 'invalid'),
	bevestig: z.literal('ja', 'confirm_required')
});

export const actions: Actions = {
	remove: async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'account');
		const parsed = parseForm(removeInput, await request.formData());
		if (!parsed.ok) return fail(400, { passkeyId: parsed.values.sleutel ?? '', errors: parsed.errors });
		// Someone else's passkey id is as good as unknown.
		if (!(await removeOwnPasskey(locals.db, actor, parsed.data.sleutel))) {
			return fail(404, { passkeyId: parsed.data.sleutel, errors: { form: 'invalid' } as FormErrors });
		}
		return { removed: true };
	}
};
