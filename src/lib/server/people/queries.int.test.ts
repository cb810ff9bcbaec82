import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { accessLogOfParticipant } from '../audit/queries';
import { verifyChain } from '../audit/verify';
import type { Database, Db } from '../db/client';
import { auditEvent, groupMember, person } from '../db/schema';
import { setAccountActive } from './lifecycle';
import { organisationPeoplePage, organisationPerson, PEOPLE_PAGE_SIZE, prefixQuery } from './queries';

let database: Database;
let db: Db;
let coordinator: Actor;
let otherCoordinator: Actor;
let trainer: Actor;
let groupA: { id: string; name: string };
let groupB: { id: string; name: string };
let foreignGroup: { id: string };
/** Participant ids by name. */
const ids = new Map<string, string>();

async function addParticipants(organisationId: string, names: string[], groupId?: string) {
	const rows = await db
		.insert(person)
		.values(names.map((displayName) => ({ organisationId, role: 'participant' as const, displayName })))
		.returning({ id: person.id, displayName: person.displayName });
	for (const row of rows) ids.set(row.displayName, row.id);
	if (groupId) await db.insert(groupMember).values(rows.map((row) => ({ groupId, personId: row.id })));
	return rows;
}

async function pageReads(actor: Actor) {
	return db
		.select()
		.from(auditEvent)
		.where(
			and(eq(auditEvent.eventType, 'organisation.people.read'), eq(auditEvent.actorPersonId, actor.personId))
		)
		.orderBy(auditEvent.id);
}

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, {
		organisationId: org.id,
		role: 'coordinator',
		name: 'Carla Coördinator'
	});
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tom Trainer' });
	groupA = await buildGroup(db, { organisationId: org.id, name: 'Herstelgroep Noord' });
	groupB = await buildGroup(db, { organisationId: org.id, name: 'Herstelgroep Zuid' });
	await addParticipants(org.id, ['Anna de Vries', 'Annemiek Jansen', 'Bert Annabel'], groupA.id);
	await addParticipants(org.id, ['Zoë Zonder-Groep']);
	// 120 more, so the list has three pages.
	await addParticipants(
		org.id,
		Array.from({ length: 120 }, (_, index) => `Deelnemer ${String(index).padStart(3, '0')}`),
		groupB.id
	);
	const elsewhere = await buildOrganisation(db);
	otherCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	foreignGroup = await buildGroup(db, { organisationId: elsewhere.id, name: 'Herstelgroep Noord' });
	await addParticipants(elsewhere.id, ['Anna Buitenland'], foreignGroup.id);
});

describe('prefixQuery', () => {
	it('keeps letters and digits only, each word a prefix', () => {
		expect(prefixQuery("  Anna  d'Vr!es ")).toBe('anna:* & d:* & vr:* & es:*');
		expect(prefixQuery('\u0000 & | ! :* ()')).toBeNull();
		expect(prefixQuery(undefined)).toBeNull();
		expect(prefixQuery('Zoë')).toBe('zoë:*');
	});
});

describe('the people list', () => {
	it('shows 50 at a time in (role, name) order, forwards and back, with a bounded count', async () => {
		const first = await organisationPeoplePage(db, coordinator, {});
		expect(first.people).toHaveLength(PEOPLE_PAGE_SIZE);
		expect(first.count).toBe(126);
		expect(first).toMatchObject({ countIsMore: false, hasPrevious: false, hasNext: true });
		expect(first.people.slice(0, 4).map((p) => p.displayName)).toEqual([
			'Anna de Vries',
			'Annemiek Jansen',
			'Bert Annabel',
			'Deelnemer 000'
		]);
		expect(first.people[0]).toMatchObject({ groupId: groupA.id, groupName: groupA.name, active: true });
		const second = await organisationPeoplePage(db, coordinator, { after: first.people.at(-1)?.id });
		const third = await organisationPeoplePage(db, coordinator, { after: second.people.at(-1)?.id });
		expect(third.people.map((p) => p.displayName).slice(-3)).toEqual([
			'Zoë Zonder-Groep',
			'Tom Trainer',
			'Carla Coördinator'
		]);
		expect(third).toMatchObject({ hasPrevious: true, hasNext: false });
		const all = [...first.people, ...second.people, ...third.people].map((p) => p.id);
		expect(new Set(all).size).toBe(126);
		const back = await organisationPeoplePage(db, coordinator, { before: second.people[0]?.id });
		expect(back.people.map((p) => p.id)).toEqual(first.people.map((p) => p.id));
		expect(back).toMatchObject({ hasPrevious: false, hasNext: true });
	});

	it('finds by the start of any word of the name, by group, by status and by role', async () => {
		const names = async (filter: Parameters<typeof organisationPeoplePage>[2]) =>
			(await organisationPeoplePage(db, coordinator, filter)).people.map((p) => p.displayName);
		expect(await names({ name: 'ann' })).toEqual(['Anna de Vries', 'Annemiek Jansen', 'Bert Annabel']);
		expect(await names({ name: 'VRIES an' })).toEqual(['Anna de Vries']);
		expect(await names({ name: 'groep' })).toEqual(['Zoë Zonder-Groep']);
		expect(await names({ name: 'nobody-here' })).toEqual([]);
		expect(await names({ group: 'noord' })).toEqual(['Anna de Vries', 'Annemiek Jansen', 'Bert Annabel']);
		expect(await names({ group: 'noord', name: 'bert' })).toEqual(['Bert Annabel']);
		expect(await names({ role: 'trainer' })).toEqual(['Tom Trainer']);
		await setAccountActive(db, coordinator, ids.get('Bert Annabel') ?? '', false);
		expect(await names({ status: 'inactive' })).toEqual(['Bert Annabel']);
		expect(await names({ status: 'active', name: 'ann' })).toEqual(['Anna de Vries', 'Annemiek Jansen']);
		await setAccountActive(db, coordinator, ids.get('Bert Annabel') ?? '', true);
	});

	it('never shows or pages through another organisation', async () => {
		const mine = await organisationPeoplePage(db, coordinator, { name: 'anna' });
		expect(mine.people.map((p) => p.displayName)).not.toContain('Anna Buitenland');
		await expect(
			organisationPeoplePage(db, coordinator, { after: ids.get('Anna Buitenland') })
		).rejects.toMatchObject({ status: 404 });
		await expect(organisationPeoplePage(db, trainer, {})).rejects.toMatchObject({ status: 403 });
		const theirs = await organisationPeoplePage(db, otherCoordinator, { group: 'noord' });
		expect(theirs.people.map((p) => p.displayName)).toEqual(['Anna Buitenland']);
	});

	it('logs a page as one row naming the participants shown, and they see it in their own log', async () => {
		const before = (await pageReads(coordinator)).length;
		const page = await organisationPeoplePage(db, coordinator, { role: 'participant' });
		const reads = await pageReads(coordinator);
		expect(reads).toHaveLength(before + 1);
		const last = reads.at(-1);
		expect(last?.participantIds).toHaveLength(PEOPLE_PAGE_SIZE);
		expect(new Set(last?.participantIds)).toEqual(new Set(page.people.map((p) => p.id)));
		expect(last).toMatchObject({ participantId: null, action: 'R', objectType: 'organisation' });

		const anna = { ...coordinator, role: 'participant' as const, personId: ids.get('Anna de Vries') ?? '' };
		const { rows } = await accessLogOfParticipant(db, anna, { page: 0, pageSize: 3 });
		expect(rows[0]).toMatchObject({ eventType: 'organisation.people.read', actorName: 'Carla Coördinator' });
		// Someone of another organisation was never on this coordinator's pages (only on their own).
		const abroad = { ...anna, personId: ids.get('Anna Buitenland') ?? '' };
		const abroadRows = (await accessLogOfParticipant(db, abroad, { page: 0, pageSize: 10 })).rows;
		expect(abroadRows.map((r) => r.actorName)).not.toContain('Carla Coördinator');
		expect(abroadRows.length).toBeGreaterThan(0);
		// The list is part of the hash: the chain verifies, and a row with one name taken out would not.
		expect(await verifyChain(database.pool)).toMatchObject({ ok: true });
		const { rows: digests } = await database.pool.query<{ same: boolean; tampered: boolean }>(
			`select e.hash = audit_event_digest(e) as same,
			        e.hash = audit_event_digest(jsonb_populate_record(e, jsonb_build_object(
			          'participant_ids', e.participant_ids[2:]))) as tampered
			   from audit_event e where id = $1`,
			[last?.id]
		);
		expect(digests).toEqual([{ same: true, tampered: false }]);
	});

	it('writes nothing for a page without participants', async () => {
		const before = (await pageReads(coordinator)).length;
		await organisationPeoplePage(db, coordinator, { role: 'coordinator' });
		expect(await pageReads(coordinator)).toHaveLength(before);
	});
});

describe("a person's own page", () => {
	it('shows the group and where the participant can move to, and logs the read', async () => {
		const annaId = ids.get('Anna de Vries') ?? '';
		const detail = await organisationPerson(db, coordinator, annaId);
		expect(detail).toMatchObject({ groupId: groupA.id, active: true, isSelf: false });
		expect(detail.moveTargets).toEqual([{ id: groupB.id, name: groupB.name }]);
		const [read] = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.participantId, annaId), eq(auditEvent.objectType, 'person')));
		expect(read).toMatchObject({
			eventType: 'organisation.people.read',
			actorPersonId: coordinator.personId
		});
	});

	it('offers no move for staff, and is not found from another organisation', async () => {
		expect((await organisationPerson(db, coordinator, trainer.personId)).moveTargets).toEqual([]);
		expect((await organisationPerson(db, coordinator, coordinator.personId)).isSelf).toBe(true);
		await expect(
			organisationPerson(db, otherCoordinator, ids.get('Anna de Vries') ?? '')
		).rejects.toMatchObject({
			status: 404
		});
		await expect(organisationPerson(db, trainer, trainer.personId)).rejects.toMatchObject({ status: 403 });
	});
});
