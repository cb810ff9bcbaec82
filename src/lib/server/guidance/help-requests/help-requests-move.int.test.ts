import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { NotFound } from '../../errors';
import { participantGroupCache } from '../../groups/queries';
import { moveParticipant } from '../../people/lifecycle';
import { askForHelp, closeHelpRequest } from './commands';
import { groupHelpRequests } from './queries';

let db: Db;
let carla: Actor;
let oldTrainer: Actor;
let newTrainer: Actor;
let coordinator: Actor;
let oldGroup: { id: string };
let newGroup: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	carla = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Carla' });
	oldTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	newTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	oldGroup = await buildGroup(db, { organisationId: org.id, trainers: [oldTrainer], participants: [carla] });
	newGroup = await buildGroup(db, { organisationId: org.id, trainers: [newTrainer] });
});

describe('a help request of a participant who moves to another group', () => {
	it('goes with them: the new trainers see and close it, the old ones no longer can', async () => {
		const asked = await askForHelp(db, carla, '/modules/1');
		expect((await groupHelpRequests(db, oldTrainer, oldGroup.id)).open).toHaveLength(1);

		await moveParticipant(db, coordinator, carla.personId, newGroup.id);
		participantGroupCache.clear();

		expect((await groupHelpRequests(db, oldTrainer, oldGroup.id)).open).toEqual([]);
		await expect(closeHelpRequest(db, oldTrainer, oldGroup.id, asked!.id, 'klaar')).rejects.toThrow(NotFound);
		expect((await groupHelpRequests(db, newTrainer, newGroup.id)).open).toMatchObject([{ id: asked!.id }]);
		await closeHelpRequest(db, newTrainer, newGroup.id, asked!.id, 'Gebeld');
		expect((await groupHelpRequests(db, newTrainer, newGroup.id)).open).toEqual([]);
	});
});
