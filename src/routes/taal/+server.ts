import { error, redirect } from '@sveltejs/kit';
import { safeReturnPath } from '$lib/server/auth/guard';
import { localeInput } from '$lib/server/auth/schema';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { rememberLocale } from '$lib/server/i18n';
import { setPreferredLocale } from '$lib/server/people/commands';
import type { RequestHandler } from './$types';

const localeForm = namedFields(localeInput, { locale: 'locale', returnTo: 'terug' });

/** The language switch: a plain form post that stores the choice and returns to the same page. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const parsed = parseForm(localeForm, await request.formData());
	if (!parsed.ok) error(400, 'Bad Request');
	rememberLocale(cookies, parsed.data.locale, config().secureCookies);
	if (locals.actor) await setPreferredLocale(locals.db, locals.actor, parsed.data.locale);
	redirect(303, safeReturnPath(parsed.data.returnTo) ?? '/');
};
