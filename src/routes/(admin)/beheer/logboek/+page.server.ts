import { accessLogOfOrganisation, organisationPeople } from '$lib/server/audit/queries';
import { organisationLogQuery } from '$lib/server/audit/schema';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm, type FormErrors } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const LIMIT = 200;

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
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
	const values: Record<string, string> = Object.fromEntries(
		Object.entries({ van, tot, deelnemer, medewerker, actie }).filter(
			(entry): entry is [string, string] => !!entry[1]
		)
	);
	return { people, values, errors: {} as FormErrors, rows, limit: LIMIT, invalid: false };
};
