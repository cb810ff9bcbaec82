/**
 * The log viewer's load (beheer/logboek/+page.server.ts) checks the query and the filter ids before
 * it searches people: a request naming someone of another organisation answers 404 and writes
 * only the refusal (naming no participant), search or not.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { auditEvent } from '../db/schema';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';

import { load } from '../../../routes/(admin)/beheer/logboek/+page.server';

let db: Db;

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
		locals: { actor: coordinator, session: { secondFactor: 'totp' }, db },
		url: new URL(`http://localhost/beheer/logboek?${query}`)
	} as never);

const rowsOf = (actor: Actor) =>
	db.select().from(auditEvent).where(eq(auditEvent.actorPersonId, actor.personId));

describe('the log viewer page', () => {
	it('answers 404 for a foreign filter id before searching, and logs only the refusal', async () => {
		const before = (await rowsOf(coordinator)).length;
		await expect(open(`zoek=x&deelnemer=${foreigner.personId}`)).rejects.toMatchObject({ status: 404 });
		const rows = await rowsOf(coordinator);
		expect(rows).toHaveLength(before + 1);
		expect(rows.map((row) => row.eventType)).not.toContain('organisation.people.read');
		expect(rows.find((row) => row.eventType === 'access.denied')).toMatchObject({
			outcome: 'failure',
			participantId: null,
			participantIds: null
		});
	});

	it('searches (and logs the search) when the page is answered', async () => {
		const page = (await open('zoek=x')) as { search: { people: { displayName: string }[] } };
		expect(page.search.people.map((p) => p.displayName)).toEqual(['Xander']);
		const rows = await rowsOf(coordinator);
		expect(rows.map((row) => row.eventType)).toContain('organisation.people.read');
	});
});
