import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent } from '../db/schema';
import { personOfOrganisation, searchOrganisationPeople } from './queries';
import { personSearchQuery } from './schema';
import { parseForm } from '../forms';

let db: Db;
let coordinator: Actor;
let foreigner: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const other = await buildOrganisation(db);
	coordinator = await buildPerson(db, {
		organisationId: org.id,
		role: 'coordinator',
		name: 'Carla Coördinator'
	});
	for (let i = 1; i <= 45; i++)
		await buildPerson(db, {
			organisationId: org.id,
			role: 'participant',
			name: `Deelnemer ${String(i).padStart(2, '0')}`
		});
	await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tom de Vries' });
	await buildPerson(db, { organisationId: org.id, role: 'participant', name: '100%_echt' });
	foreigner = await buildPerson(db, {
		organisationId: other.id,
		role: 'participant',
		name: 'Deelnemer Elders'
	});
});

const search = (term: string, page = 0) =>
	searchOrganisationPeople(db, coordinator, { term, page, pageSize: 20 });

describe('the log viewer’s person search', () => {
	it('finds people of the organisation by part of their name, any case, one bounded page at a time', async () => {
		const first = await search('deelNEMER');
		expect(first.people.map((p) => p.displayName)).toEqual(
			Array.from({ length: 20 }, (_, i) => `Deelnemer ${String(i + 1).padStart(2, '0')}`)
		);
		expect(first.hasMore).toBe(true);
		const last = await search('deelnemer', 2);
		expect(last.people).toHaveLength(5);
		expect(last.hasMore).toBe(false);
		expect((await search('vries')).people).toEqual([
			expect.objectContaining({ displayName: 'Tom de Vries', role: 'trainer' })
		]);
	});

	it('never finds anyone of another organisation, and searches % and _ as typed', async () => {
		expect((await search('Elders')).people).toEqual([]);
		expect(await personOfOrganisation(db, coordinator, foreigner.personId)).toBeNull();
		expect((await search('%')).people.map((p) => p.displayName)).toEqual(['100%_echt']);
		expect((await search('%_e')).people.map((p) => p.displayName)).toEqual(['100%_echt']);
	});

	it('is logged as one row per search, without the search term', async () => {
		const before = await db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.actorPersonId, coordinator.personId));
		await search('Tom');
		const after = await db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.actorPersonId, coordinator.personId));
		expect(after.length - before.length).toBe(1);
		expect(after.at(-1)).toMatchObject({
			eventType: 'organisation.people.read',
			action: 'E',
			participantId: null
		});
		expect(JSON.stringify(after.at(-1))).not.toContain('Tom');
	});

	it('names the participants shown on the page, so they see the search in their own log', async () => {
		const page = await search('deelnemer', 1);
		const [row] = await db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.actorPersonId, coordinator.personId))
			.orderBy(desc(auditEvent.id))
			.limit(1);
		expect(row!.participantIds).toEqual(page.people.map((p) => p.id));
		expect(row!.participantIds).toHaveLength(20);
	});

	it('drops control characters from the term, refuses NUL (as every form does) and a very long term', () => {
		const parsed = parseForm(personSearchQuery, new URLSearchParams({ term: ' An\u0007na\u202e ' }));
		expect(parsed).toEqual({ ok: true, data: { term: 'Anna' } });
		const nul = parseForm(personSearchQuery, new URLSearchParams({ term: 'An\u0000na' }));
		expect(nul).toMatchObject({ ok: false, errors: { term: 'invalid_characters' } });
		const long = parseForm(personSearchQuery, new URLSearchParams({ term: 'a'.repeat(101) }));
		expect(long.ok).toBe(false);
		const page = parseForm(personSearchQuery, new URLSearchParams({ term: 'a', page: '0' }));
		expect(page.ok).toBe(false);
	});
});
