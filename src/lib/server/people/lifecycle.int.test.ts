import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { loadActor } from '../auth/actor';
import type { Db } from '../db/client';
import { auditEvent, groupMember, person, session, user } from '../db/schema';
import { Conflict } from '../errors';
import { addParticipant, moveParticipant, setAccountActive } from './lifecycle';
import { organisationPerson } from './queries';

let db: Db;
let coordinator: Actor;
let trainer: Actor;
let otherCoordinator: Actor;
let groupA: { id: string };
let groupB: { id: string };
let foreignGroup: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	groupA = await buildGroup(db, { organisationId: org.id, trainers: [trainer] });
	groupB = await buildGroup(db, { organisationId: org.id });
	const elsewhere = await buildOrganisation(db);
	otherCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	foreignGroup = await buildGroup(db, { organisationId: elsewhere.id });
});

describe('trainers add participants', () => {
	it('adds one without email and one with email to their own group, logged', async () => {
		const { personId } = await addParticipant(db, trainer, {
			groupId: groupA.id,
			displayName: 'Zonder Mail'
		});
		const [added] = await db.select().from(person).where(eq(person.id, personId));
		expect(added).toMatchObject({
			role: 'participant',
			userId: null,
			organisationId: trainer.organisationId
		});
		const withMail = await addParticipant(db, trainer, {
			groupId: groupA.id,
			displayName: 'Met Mail',
			email: 'Met.Mail@Example.org'
		});
		const [login] = await db
			.select()
			.from(user)
			.innerJoin(person, eq(person.userId, user.id))
			.where(eq(person.id, withMail.personId));
		expect(login?.user.email).toBe('met.mail@example.org');
		const logged = await db.select().from(auditEvent).where(eq(auditEvent.participantId, personId));
		expect(logged.map((row) => [row.eventType, row.action])).toEqual([['participant.create', 'C']]);
	});

	it('refuses an email that is already in use', async () => {
		await expect(
			addParticipant(db, trainer, {
				groupId: groupA.id,
				displayName: 'Dubbel',
				email: 'met.mail@example.org'
			})
		).rejects.toBeInstanceOf(Conflict);
	});

	it('refuses an email in use with capitals (an account made elsewhere), not a 500', async () => {
		await db.insert(user).values({
			id: crypto.randomUUID(),
			name: 'Hoofdletters',
			email: 'Hoofd.Letters@Example.org',
			emailVerified: false
		});
		await expect(
			addParticipant(db, trainer, {
				groupId: groupA.id,
				displayName: 'Dubbel',
				email: 'hoofd.letters@example.org'
			})
		).rejects.toBeInstanceOf(Conflict);
	});

	it('refuses a group the trainer does not train', async () => {
		await expect(addParticipant(db, trainer, { groupId: groupB.id, displayName: 'X' })).rejects.toMatchObject(
			{ status: 403 }
		);
		await expect(
			addParticipant(db, coordinator, { groupId: groupA.id, displayName: 'X' })
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('coordinators manage accounts', () => {
	it('deactivating ends every session at once; reactivating lets the person in again', async () => {
		const target = await buildPerson(db, { organisationId: coordinator.organisationId, role: 'participant' });
		await db
			.insert(session)
			.values({ id: 's1', token: 't1', userId: target.userId, expiresAt: new Date(Date.now() + 3600_000) });
		await setAccountActive(db, coordinator, target.personId, false);
		expect(await db.select().from(session).where(eq(session.userId, target.userId))).toEqual([]);
		expect(await loadActor(db, target.userId)).toBeNull();
		await setAccountActive(db, coordinator, target.personId, true);
		expect(await loadActor(db, target.userId)).not.toBeNull();
	});

	it('cannot turn off their own account, nor touch another organisation', async () => {
		await expect(setAccountActive(db, coordinator, coordinator.personId, false)).rejects.toBeInstanceOf(
			Conflict
		);
		await expect(setAccountActive(db, otherCoordinator, trainer.personId, false)).rejects.toMatchObject({
			status: 404
		});
		await expect(setAccountActive(db, trainer, coordinator.personId, false)).rejects.toMatchObject({
			status: 403
		});
	});

	it('moves a participant to another group of the organisation, not to a foreign one', async () => {
		const { personId } = await addParticipant(db, trainer, { groupId: groupA.id, displayName: 'Verhuizer' });
		await moveParticipant(db, coordinator, personId, groupB.id);
		const current = await db
			.select({ groupId: groupMember.groupId })
			.from(groupMember)
			.where(and(eq(groupMember.personId, personId), isNull(groupMember.leftAt)));
		expect(current).toEqual([{ groupId: groupB.id }]);
		await expect(moveParticipant(db, coordinator, personId, foreignGroup.id)).rejects.toMatchObject({
			status: 404
		});
		expect((await organisationPerson(db, coordinator, personId)).groupId).toBe(groupB.id);
	});
});

describe('refused commands leave a failure row and change nothing', () => {
	const refusalsBy = (actor: Actor) =>
		db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.eventType, 'access.denied')));

	it('a trainer adding someone to a group they do not train', async () => {
		const before = await refusalsBy(trainer);
		await expect(
			addParticipant(db, trainer, { groupId: groupB.id, displayName: 'Niet Toegevoegd' })
		).rejects.toMatchObject({ status: 403 });
		const after = await refusalsBy(trainer);
		expect(after).toHaveLength(before.length + 1);
		expect(after.find((row) => !before.some((old) => old.id === row.id))).toMatchObject({
			outcome: 'failure',
			action: 'C',
			participantId: null,
			participantIds: null,
			objectType: 'group',
			objectId: groupB.id
		});
		expect(await db.select().from(person).where(eq(person.displayName, 'Niet Toegevoegd'))).toEqual([]);
	});

	it('a coordinator turning off, or moving, someone of another organisation', async () => {
		const target = await buildPerson(db, { organisationId: coordinator.organisationId, role: 'participant' });
		await buildGroup(db, { organisationId: coordinator.organisationId ?? '', participants: [target] });
		const before = await refusalsBy(otherCoordinator);
		await expect(setAccountActive(db, otherCoordinator, target.personId, false)).rejects.toMatchObject({
			status: 404
		});
		await expect(
			moveParticipant(db, otherCoordinator, target.personId, foreignGroup.id)
		).rejects.toMatchObject({ status: 404 });
		const added = (await refusalsBy(otherCoordinator)).filter(
			(row) => !before.some((old) => old.id === row.id)
		);
		expect(added).toHaveLength(2);
		for (const row of added)
			expect(row).toMatchObject({
				outcome: 'failure',
				action: 'U',
				participantId: null,
				participantIds: null
			});
		// Still active, still in its own group, and nothing else was logged about the participant.
		const [still] = await db.select().from(person).where(eq(person.id, target.personId));
		expect(still?.deactivatedAt).toBeNull();
		const memberships = await db.select().from(groupMember).where(eq(groupMember.personId, target.personId));
		expect(memberships.map((row) => row.leftAt)).toEqual([null]);
		expect(await db.select().from(auditEvent).where(eq(auditEvent.participantId, target.personId))).toEqual(
			[]
		);
	});
});
