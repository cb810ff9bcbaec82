import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { Forbidden } from '../errors';
import { auditEvent, courseGroup, groupSession } from '../db/schema';
import { overviewView } from './overview-view';
import {
	groupColumns,
	OVERVIEW_PAGE_SIZE,
	organisationOverview,
	participantGroup,
	trainerGroups
} from './queries';

let db: Db;
let org: { id: string };
let coordinator: Actor;
let trainer: Actor;
let peer: Actor;
let anna: Actor;
let bram: Actor;
let otherTrainer: Actor;
let otherCoordinator: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tom', phone: '010 1' });
	peer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Esra', isPeerExpert: true });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	await buildGroup(db, {
		organisationId: org.id,
		name: 'Dinsdaggroep',
		trainers: [trainer, peer],
		participants: [anna]
	});
	await buildGroup(db, {
		organisationId: org.id,
		name: 'Andere groep',
		trainers: [otherTrainer],
		participants: [bram]
	});
	const elsewhere = await buildOrganisation(db);
	otherCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	await buildGroup(db, { organisationId: elsewhere.id, name: 'Elders' });
});

describe('participantGroup', () => {
	it('gives a participant their own group with its trainers, peer expert marked', async () => {
		const found = await participantGroup(db, anna);
		expect(found?.group.name).toBe('Dinsdaggroep');
		expect(found?.trainers).toEqual([
			{ displayName: 'Esra', phone: null, isPeerExpert: true },
			{ displayName: 'Tom', phone: '010 1', isPeerExpert: false }
		]);
	});

	it('gives nothing to staff asking as if they were a participant', async () => {
		expect(await participantGroup(db, trainer)).toBeNull();
	});
});

describe('trainerGroups', () => {
	it('lists only the groups this trainer trains, with their participants', async () => {
		const groups = await trainerGroups(db, trainer);
		expect(groups.map((group) => group.name)).toEqual(['Dinsdaggroep']);
		expect(groups[0]?.participants.map((p) => p.displayName)).toEqual(['Anna']);
	});

	it('writes an access-log row for each participant shown to the trainer', async () => {
		await trainerGroups(db, trainer);
		const rows = await db
			.select({ participantId: auditEvent.participantId, action: auditEvent.action })
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.actorPersonId, trainer.personId),
					eq(auditEvent.eventType, 'group.participants.read')
				)
			);
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((row) => row.participantId))).toEqual(new Set([anna.personId]));
		expect(rows.every((row) => row.action === 'R')).toBe(true);
	});

	it('never shows a participant of another group', async () => {
		const names = (await trainerGroups(db, otherTrainer)).flatMap((group) =>
			group.participants.map((p) => p.displayName)
		);
		expect(names).toEqual(['Bram']);
	});

	it('gives nothing to a participant', async () => {
		expect(await trainerGroups(db, bram)).toEqual([]);
	});
});

describe('organisationOverview', () => {
	it('shows the coordinator their own organisation only, with counts and no participant names', async () => {
		const overview = await organisationOverview(db, coordinator);
		expect(overview.groups.map((group) => [group.name, group.participantCount])).toEqual([
			['Andere groep', 1],
			['Dinsdaggroep', 1]
		]);
		expect(overview.staff.map((member) => member.role).sort()).toEqual([
			'coordinator',
			'trainer',
			'trainer',
			'trainer'
		]);
		expect(JSON.stringify(overview)).not.toContain('Anna');
	});

	it('keeps organisations apart', async () => {
		const overview = await organisationOverview(db, otherCoordinator);
		expect(overview.groups.map((group) => group.name)).toEqual(['Elders']);
	});

	it('refuses a trainer', async () => {
		await expect(organisationOverview(db, trainer)).rejects.toThrow(Forbidden);
	});

	it('knows which groups have a calendar (issue 24 item 13: every group showed "no calendar yet")', async () => {
		const withCalendar = await buildGroup(db, { organisationId: org.id, name: 'Met kalender' });
		await db.insert(groupSession).values(
			['2026-09-01', '2026-09-08', '2030-01-08'].map((date) => ({
				groupId: withCalendar.id,
				date,
				startTime: '14:00'
			}))
		);
		const overview = await organisationOverview(db, coordinator);
		expect(overview.groups.map((group) => [group.name, group.hasCalendar])).toEqual([
			['Andere groep', false],
			['Dinsdaggroep', false],
			['Met kalender', true]
		]);
		// The calendar column (trainer and participant pages) names the group's own sessions too.
		const [row] = await db
			.select({ calendar: groupColumns.calendar })
			.from(courseGroup)
			.where(eq(courseGroup.id, withCalendar.id));
		expect(row?.calendar).toEqual([{ date: '2030-01-08', time: '14:00', status: 'planned' }]);
	});

	it('shows one page of groups and of staff, and finds groups by name', async () => {
		const many = await buildOrganisation(db);
		const boss = await buildPerson(db, { organisationId: many.id, role: 'coordinator' });
		await db.insert(courseGroup).values(
			Array.from({ length: OVERVIEW_PAGE_SIZE + 3 }, (_, index) => ({
				organisationId: many.id,
				name: `Groep ${String(index + 1).padStart(3, '0')}`,
				location: 'Zaal',
				weekday: 1,
				startTime: '10:00',
				startDate: '2026-09-07'
			}))
		);
		const first = await organisationOverview(db, boss);
		expect(first.groups).toHaveLength(OVERVIEW_PAGE_SIZE);
		expect(first.groupCount).toBe(OVERVIEW_PAGE_SIZE + 3);
		const second = await organisationOverview(db, boss, { groupPage: 2 });
		expect(second.groups.map((group) => group.name)).toEqual(['Groep 051', 'Groep 052', 'Groep 053']);
		const found = await organisationOverview(db, boss, { search: 'p 05' });
		expect(found.groups.map((group) => group.name)).toEqual([
			'Groep 050',
			'Groep 051',
			'Groep 052',
			'Groep 053'
		]);
		expect(found.groupCount).toBe(4);
		// A search is text, never a pattern.
		expect((await organisationOverview(db, boss, { search: '%' })).groupCount).toBe(0);
		expect(first.staffCount).toBe(1);
	});
});

describe('the coordinator overview query string', () => {
	it('turns anything into a page number and a search without control characters', () => {
		expect(overviewView(new URLSearchParams('pagina=3&zoek=%20Dins%00dag%20'))).toEqual({
			groupPage: 3,
			staffPage: 1,
			search: 'Dins dag'
		});
		expect(overviewView(new URLSearchParams('pagina=-1&medewerkers=x&zoek=' + 'a'.repeat(500)))).toEqual({
			groupPage: 1,
			staffPage: 1,
			search: 'a'.repeat(100)
		});
	});
});
