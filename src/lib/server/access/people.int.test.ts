/**
 * The access module's doors for an organisation's people (access/people.ts), as tables: who gets a
 * person or a participant, who is refused, and that every refusal is one failure row naming no one.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, groupMember, person } from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { findTrainedParticipants, requireOrganisationPeople, requireOrganisationPerson } from './people';

let db: Db;
let coordinator: Actor;
let foreignCoordinator: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let anna: Actor;
let bram: Actor;
let left: Actor;
let inactive: Actor;
const nobody = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const elsewhere = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	foreignCoordinator = await buildPerson(db, { organisationId: elsewhere.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	left = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Vertrokken' });
	inactive = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Uit' });
	const group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer],
		participants: [anna, left, inactive]
	});
	await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer], participants: [bram] });
	await db
		.update(groupMember)
		.set({ leftAt: new Date() })
		.where(and(eq(groupMember.groupId, group.id), eq(groupMember.personId, left.personId)));
	await db.update(person).set({ deactivatedAt: new Date() }).where(eq(person.id, inactive.personId));
});

async function refusalsOf(actor: Actor) {
	return db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.eventType, 'access.denied')));
}

/** Runs `attempt` and returns the one failure row it added for `actor`. */
async function refusedOnce(
	actor: Actor,
	attempt: () => Promise<unknown>,
	error: typeof NotFound | typeof Forbidden
) {
	const before = new Set((await refusalsOf(actor)).map((row) => row.id));
	await expect(attempt()).rejects.toBeInstanceOf(error);
	const added = (await refusalsOf(actor)).filter((row) => !before.has(row.id));
	expect(added).toHaveLength(1);
	expect(added[0]).toMatchObject({ outcome: 'failure', participantId: null, participantIds: null });
	return added[0];
}

describe('requireOrganisationPerson', () => {
	it('gives a coordinator the people of their own organisation', async () => {
		for (const target of [anna, trainer, inactive])
			expect(await requireOrganisationPerson(db, coordinator, target.personId)).toMatchObject({
				id: target.personId,
				role: target.role
			});
	});

	it('refuses someone elsewhere, no one and a malformed id as not found, each logged once', async () => {
		const cases: [string, string][] = [
			[anna.personId, anna.personId],
			[nobody, nobody],
			['geen-id', 'malformed']
		];
		for (const [id, objectId] of cases)
			expect(
				await refusedOnce(
					foreignCoordinator,
					() => requireOrganisationPerson(db, foreignCoordinator, id),
					NotFound
				)
			).toMatchObject({ objectType: 'person', objectId });
	});

	it('refuses anyone but a coordinator before looking', async () => {
		for (const actor of [trainer, anna])
			await expect(requireOrganisationPerson(db, actor, anna.personId)).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('requireOrganisationPeople', () => {
	it('passes no ids and ids of the organisation, refuses a set with one foreign id', async () => {
		expect(await requireOrganisationPeople(db, coordinator, [])).toBe(coordinator.organisationId);
		expect(
			await requireOrganisationPeople(db, coordinator, [anna.personId, trainer.personId, anna.personId])
		).toBe(coordinator.organisationId);
		const row = await refusedOnce(
			foreignCoordinator,
			() => requireOrganisationPeople(db, foreignCoordinator, [foreignCoordinator.personId, bram.personId]),
			NotFound
		);
		expect(row).toMatchObject({ objectId: bram.personId });
	});
});

describe('findTrainedParticipants', () => {
	const names = async (actor: Actor, ids: string[]) =>
		(await findTrainedParticipants(db, actor, ids)).map((row) => row.displayName).sort();
	const everyone = () => [anna, bram, left, inactive].map((actor) => actor.personId);

	it('finds only the active participants of groups the trainer trains now', async () => {
		expect(await names(trainer, everyone())).toEqual(['Anna']);
		expect(await names(otherTrainer, everyone())).toEqual(['Bram']);
	});

	it('finds none for a coordinator, a participant, or ids that are not ids', async () => {
		expect(await names(coordinator, everyone())).toEqual([]);
		expect(await names(anna, everyone())).toEqual([]);
		expect(await names(trainer, [anna.personId, 'geen-id'])).toEqual([]);
	});
});
