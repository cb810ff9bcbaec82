/**
 * The log viewer's load (beheer/logboek/+page.server.ts) checks the query and the filter ids before
 * it searches people: a request naming someone of another organisation answers 404 and writes
 * nothing, search or not.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { auditEvent } from '../db/schema';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';

let db: Db;
// The page's queries use the process's database: here, the test database.
vi.mock('$lib/server/runtime', async (original) => ({
	...(await original<typeof import('$lib/server/runtime')>()),
	currentDb: () => db
}));

const { load } = await import('../../../routes/(admin)/beheer/logboek/+page.server');

let coordinator: Actor;
let foreigner: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const other = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Xander' });
	foreigner = await buildPerson(db, { organisationId: other.id, role: 'participant', name: 'Xenia' });
});

const open = (query: string) =>
	load({
		locals: { actor: coordinator, session: { secondFactor: 'totp' } },
		url: new URL(`http://localhost/beheer/logboek?${query}`)
	} as never);

const rowsOf = (actor: Actor) =>
	db.select().from(auditEvent).where(eq(auditEvent.actorPersonId, actor.personId));

describe('the log viewer page', () => {
	it('answers 404 for a foreign filter id before searching, and logs nothing', async () => {
		const before = (await rowsOf(coordinator)).length;
		await expect(open(`zoek=x&deelnemer=${foreigner.personId}`)).rejects.toMatchObject({ status: 404 });
		expect(await rowsOf(coordinator)).toHaveLength(before);
	});

	it('searches (and logs the search) when the page is answered', async () => {
		const page = (await open('zoek=x')) as { search: { people: { displayName: string }[] } };
		expect(page.search.people.map((p) => p.displayName)).toEqual(['Xander']);
		const rows = await rowsOf(coordinator);
		expect(rows.map((row) => row.eventType)).toContain('organisation.people.read');
	});
});
