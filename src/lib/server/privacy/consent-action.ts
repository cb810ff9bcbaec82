/** The consent switch as a form action, on every page that shows one (consent, "who can see what"). */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireArea } from '../auth/guard';
import { parseForm } from '../forms';
import { answeredAction } from '../route';
import { setOwnConsent } from './consent';
import { privacyForms } from './schema';

export const consentAction = answeredAction(async ({ locals, url, request }: RequestEvent) => {
	const actor = await requireArea(locals, url, 'participant');
	const parsed = parseForm(privacyForms.consent, await request.formData());
	if (!parsed.ok) return fail(400, { errors: parsed.errors });
	await setOwnConsent(locals.db, actor, parsed.data.purpose, parsed.data.given);
	return { saved: parsed.data.purpose };
});
