import { error } from '@sveltejs/kit';
import { accessLogOfOrganisation, organisationPeople } from '$lib/server/audit/queries';
import { organisationLogQuery } from '$lib/server/audit/schema';
import { requireArea } from '$lib/server/auth/guard';
import { hasTwoFactors } from '$lib/server/auth/session';
import { parseForm, type FormErrors } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const LIMIT = 200;

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	// Only after signing in with two factors (NEN 7513 log of everyone's access).
	if (!hasTwoFactors(locals.session)) error(403, 'two_factors_required');
	const people = await organisationPeople(actor);
	const parsed = parseForm(organisationLogQuery, url.searchParams);
	if (!parsed.ok)
		return { people, values: parsed.values, errors: parsed.errors, rows: [], limit: LIMIT, invalid: true };
	const { van, tot, deelnemer, medewerker, actie } = parsed.data;
	const rows = await accessLogOfOrganisation(
		actor,
		{ from: van, to: tot, participantId: deelnemer, actorPersonId: medewerker, action: actie },
		{ limit: LIMIT, purpose: 'view' }
	);
	// Someone outside the organisation (or no one): not found, and nothing logged.
	if (!rows) error(404, 'Not Found');
	const values: Record<string, string> = Object.fromEntries(
		Object.entries({ van, tot, deelnemer, medewerker, actie }).filter(
			(entry): entry is [string, string] => !!entry[1]
		)
	);
	return { people, values, errors: {} as FormErrors, rows, limit: LIMIT, invalid: false };
};
