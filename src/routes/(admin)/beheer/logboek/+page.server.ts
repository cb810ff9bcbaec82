import { error } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/policy';
import {
	accessLogOfOrganisation,
	personOfOrganisation,
	searchOrganisationPeople
} from '$lib/server/audit/queries';
import { organisationLogParams, organisationLogQuery, personSearchQuery } from '$lib/server/audit/schema';
import { requireArea } from '$lib/server/auth/guard';
import { hasTwoFactors } from '$lib/server/auth/session';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';

const LIMIT = 200;
// Names per page of the person search: enough to find someone, small at any organisation size.
const SEARCH_PAGE = 20;

const logQuery = namedFields(organisationLogQuery, organisationLogParams);
const searchQuery = namedFields(personSearchQuery, { term: 'zoek', page: 'zoekpagina' });

export const load: PageServerLoad = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	// Only after signing in with two factors (NEN 7513 log of everyone's access).
	if (!hasTwoFactors(locals.session)) error(403, 'two_factors_required');
	// Validate the query and check the filter ids first: the search (and its log row) only runs
	// for a page that is answered.
	const parsed = parseForm(logQuery, url.searchParams);
	if (!parsed.ok)
		return {
			search: await searchPeople(locals.db, actor, url),
			chosen: { deelnemer: null, medewerker: null } as Record<'deelnemer' | 'medewerker', string | null>,
			values: parsed.values,
			errors: parsed.errors,
			rows: [],
			limit: LIMIT,
			invalid: true
		};
	const filter = parsed.data;
	// Someone outside the organisation (or no one): not found, and only the refusal logged.
	const rows = await accessLogOfOrganisation(locals.db, actor, filter, { limit: LIMIT, purpose: 'view' });
	const { from: van, to: tot, participantId: deelnemer, actorPersonId: medewerker, action: actie } = filter;
	const search = await searchPeople(locals.db, actor, url);
	const values: Record<string, string> = Object.fromEntries(
		Object.entries({ van, tot, deelnemer, medewerker, actie }).filter(
			(entry): entry is [string, string] => !!entry[1]
		)
	);
	// The names of the people already chosen as filters (only of this organisation).
	const chosen = {
		deelnemer: deelnemer ? await nameOf(locals.db, actor, deelnemer) : null,
		medewerker: medewerker ? await nameOf(locals.db, actor, medewerker) : null
	};
	return { search, chosen, values, errors: {} as FormErrors, rows, limit: LIMIT, invalid: false };
});

const nameOf = async (db: App.Locals['db'], actor: Actor, personId: string) =>
	(await personOfOrganisation(db, actor, personId))?.displayName ?? null;

/** The person search of the filter form (`zoek`, `zoekpagina`), when one was asked. */
async function searchPeople(db: App.Locals['db'], actor: Actor, url: URL) {
	const parsed = parseForm(searchQuery, url.searchParams);
	if (!parsed.ok)
		return { term: parsed.values.zoek ?? '', page: 1, people: [], hasMore: false, errors: parsed.errors };
	const { term, page = 1 } = parsed.data;
	if (!term) return null;
	const found = await searchOrganisationPeople(db, actor, { term, page: page - 1, pageSize: SEARCH_PAGE });
	return { term, page, ...found, errors: {} as FormErrors };
}
