import { requireArea } from '$lib/server/auth/guard';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { organisationPeoplePage, type PeopleFilter, type PeoplePage } from '$lib/server/people/queries';
import { peopleListQuery } from '$lib/server/people/schema';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';

const roles = {
	deelnemer: 'participant',
	trainer: 'trainer',
	coordinator: 'coordinator',
	onderzoeker: 'researcher'
} as const satisfies Record<string, PeopleFilter['role']>;

// The URL's parameter names for the English keys of people/schema.ts.
const listQuery = namedFields(peopleListQuery, {
	name: 'zoek',
	group: 'groep',
	status: 'status',
	role: 'rol',
	after: 'na',
	before: 'voor'
});

const empty: PeoplePage = {
	people: [],
	count: 0,
	countIsMore: false,
	hasPrevious: false,
	hasNext: false,
	actorPersonId: ''
};

export const load: PageServerLoad = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const parsed = parseForm(listQuery, url.searchParams);
	// Show the search form again with the problem named; the list waits for a valid search.
	if (!parsed.ok) return { ...empty, values: parsed.values, errors: parsed.errors, invalid: true };
	const { name, group, status, role, after, before } = parsed.data;
	const page = await organisationPeoplePage(locals.db, actor, {
		name,
		group,
		status: status === 'actief' ? 'active' : status === 'uit' ? 'inactive' : undefined,
		role: role ? roles[role] : undefined,
		after,
		before
	});
	// The search without the cursor: the links to the next and previous page add their own.
	const values: Record<string, string> = Object.fromEntries(
		Object.entries({ zoek: name, groep: group, status, rol: role }).filter(
			(entry): entry is [string, string] => !!entry[1]
		)
	);
	return { ...page, values, errors: {} as FormErrors, invalid: false };
});
