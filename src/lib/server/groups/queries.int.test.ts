import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvent } from '../db/schema';
import { organisationOverview, participantGroup, trainerGroups } from './queries';

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
		const found = await participantGroup(anna, db);
		expect(found?.group.name).toBe('Dinsdaggroep');
		expect(found?.trainers).toEqual([
			{ displayName: 'Esra', phone: null, isPeerExpert: true },
			{ displayName: 'Tom', phone: '010 1', isPeerExpert: false }
		]);
	});

	it('gives nothing to staff asking as if they were a participant', async () => {
		expect(await participantGroup(trainer, db)).toBeNull();
	});
});

describe('trainerGroups', () => {
	it('lists only the groups this trainer trains, with their participants', async () => {
		const groups = await trainerGroups(trainer, db);
		expect(groups.map((group) => group.name)).toEqual(['Dinsdaggroep']);
		expect(groups[0]?.participants.map((p) => p.displayName)).toEqual(['Anna']);
	});

	it('writes an access-log row for each participant shown to the trainer', async () => {
		await trainerGroups(trainer, db);
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
		const names = (await trainerGroups(otherTrainer, db)).flatMap((group) =>
			group.participants.map((p) => p.displayName)
		);
		expect(names).toEqual(['Bram']);
	});

	it('gives nothing to a participant', async () => {
		expect(await trainerGroups(bram, db)).toEqual([]);
	});
});

describe('organisationOverview', () => {
	it('shows the coordinator their own organisation only, with counts and no participant names', async () => {
		const overview = await organisationOverview(coordinator, db);
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
		const overview = await organisationOverview(otherCoordinator, db);
		expect(overview.groups.map((group) => group.name)).toEqual(['Elders']);
	});

	it('gives nothing to a trainer', async () => {
		expect(await organisationOverview(trainer, db)).toEqual({ groups: [], staff: [] });
	});
});
