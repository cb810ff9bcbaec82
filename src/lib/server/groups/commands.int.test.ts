import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, groupTrainer, person } from '../db/schema';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { addGroupTrainer, removeGroupTrainer } from './commands';
import { groupTrainerChoices, trainerGroups } from './queries';

let db: Db;
let coordinator: Actor;
let tom: Actor;
let esra: Actor;
let anna: Actor;
let groupId: string;
let otherGroupId: string;
let otherTrainer: Actor;
let otherCoordinator: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	tom = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tom' });
	esra = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Esra', isPeerExpert: true });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	groupId = (await buildGroup(db, { organisationId: org.id, trainers: [tom], participants: [anna] })).id;
	const elsewhere = await buildOrganisation(db);
	otherCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	otherTrainer = await buildPerson(db, { organisationId: elsewhere.id, role: 'trainer' });
	otherGroupId = (await buildGroup(db, { organisationId: elsewhere.id, trainers: [otherTrainer] })).id;
});

const logOf = (eventType: string) =>
	db
		.select({
			action: auditEvent.action,
			objectType: auditEvent.objectType,
			objectId: auditEvent.objectId,
			participantId: auditEvent.participantId,
			outcome: auditEvent.outcome
		})
		.from(auditEvent)
		.where(and(eq(auditEvent.eventType, eventType), eq(auditEvent.actorPersonId, coordinator.personId)));

describe("a group's trainers", () => {
	it('lists who trains the group and whom the coordinator can add', async () => {
		const choices = await groupTrainerChoices(db, coordinator, groupId);
		expect(choices.trainers.map((t) => t.displayName)).toEqual(['Tom']);
		expect(choices.addable).toEqual([{ id: esra.personId, displayName: 'Esra', isPeerExpert: true }]);
	});

	it('adds a trainer, who then sees the group, with one access-log row naming no participant', async () => {
		expect(await trainerGroups(db, esra)).toEqual([]);
		expect(await addGroupTrainer(db, coordinator, groupId, esra.personId)).toBe(true);
		expect((await trainerGroups(db, esra)).map((group) => group.id)).toEqual([groupId]);
		// A second add changes nothing and logs nothing.
		expect(await addGroupTrainer(db, coordinator, groupId, esra.personId)).toBe(false);
		expect(await logOf('group.trainer_add')).toEqual([
			{
				action: 'C',
				objectType: 'group_trainer',
				objectId: `${groupId}/${esra.personId}`,
				participantId: null,
				outcome: 'success'
			}
		]);
	});

	it('removes a trainer, but never the last one', async () => {
		expect(await removeGroupTrainer(db, coordinator, groupId, tom.personId)).toBe(true);
		expect((await trainerGroups(db, tom)).map((group) => group.id)).toEqual([]);
		await expect(removeGroupTrainer(db, coordinator, groupId, esra.personId)).rejects.toEqual(
			new Conflict('last_trainer')
		);
		const left = await db.select().from(groupTrainer).where(eq(groupTrainer.groupId, groupId));
		expect(left.map((row) => row.personId)).toEqual([esra.personId]);
		expect(await logOf('group.trainer_remove')).toEqual([
			{
				action: 'D',
				objectType: 'group_trainer',
				objectId: `${groupId}/${tom.personId}`,
				participantId: null,
				outcome: 'success'
			}
		]);
	});

	it('refuses a turned-off trainer with a message', async () => {
		await db.update(person).set({ deactivatedAt: new Date() }).where(eq(person.id, tom.personId));
		await expect(addGroupTrainer(db, coordinator, groupId, tom.personId)).rejects.toEqual(
			new Invalid('trainer', 'trainer_inactive')
		);
		expect((await groupTrainerChoices(db, coordinator, groupId)).addable).toEqual([]);
		await db.update(person).set({ deactivatedAt: null }).where(eq(person.id, tom.personId));
	});

	it("answers another organisation's group, trainer or a participant as not found, and logs the refusal", async () => {
		const refusals = async () =>
			(await logOf('access.denied')).filter((row) => row.outcome === 'failure').length;
		const before = await refusals();
		for (const attempt of [
			() => addGroupTrainer(db, coordinator, otherGroupId, tom.personId),
			() => addGroupTrainer(db, coordinator, groupId, otherTrainer.personId),
			() => addGroupTrainer(db, coordinator, groupId, anna.personId),
			() => removeGroupTrainer(db, coordinator, otherGroupId, otherTrainer.personId),
			() => removeGroupTrainer(db, coordinator, groupId, otherTrainer.personId),
			() => groupTrainerChoices(db, coordinator, otherGroupId)
		])
			await expect(attempt()).rejects.toBeInstanceOf(NotFound);
		expect(await refusals()).toBe(before + 6);
		await expect(addGroupTrainer(db, otherCoordinator, groupId, tom.personId)).rejects.toBeInstanceOf(
			NotFound
		);
		await expect(addGroupTrainer(db, esra, groupId, tom.personId)).rejects.toBeInstanceOf(Forbidden);
		await expect(removeGroupTrainer(db, esra, groupId, esra.personId)).rejects.toBeInstanceOf(Forbidden);
	});
});
