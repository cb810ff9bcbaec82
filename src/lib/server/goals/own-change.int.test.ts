/**
 * A participant's own change shows on the very next page this instance serves, before the database's
 * notification about it arrives: the command forgets the cached overview after its commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { changeGoal, createGoal } from './commands';
import { participantOverview } from './overview';
import { overviewCache } from './overview-cache';

let db: Db;
let anna: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	await buildGroup(db, { organisationId: org.id, participants: [anna] });
	// No LISTEN connection in this file: the cache is switched on by hand, so no notification can help.
	overviewCache.active = true;
});
afterAll(() => {
	overviewCache.active = false;
	overviewCache.clear();
});

describe('the overview after the participant’s own change', () => {
	it('shows a new goal and a changed goal at once', async () => {
		expect((await participantOverview(db, anna, 'nl')).goal).toBeNull();
		expect(overviewCache.get(anna.personId)?.nl).toBeDefined();

		const goalId = await createGoal(db, anna, anna.personId, {
			lifeArea: 'work',
			text: 'Werk zoeken',
			why: ''
		});
		expect((await participantOverview(db, anna, 'nl')).goal).toBe('Werk zoeken');

		const changed = await changeGoal(db, anna, goalId, {
			change: 'edit',
			text: 'Vrijwilligerswerk zoeken',
			reason: 'Eerst ervaring opdoen'
		});
		expect(changed).toBe('done');
		expect((await participantOverview(db, anna, 'nl')).goal).toBe('Vrijwilligerswerk zoeken');
	});
});
