/**
 * The coordinator's log viewer stays inside the organisation: an id of someone elsewhere in a
 * filter is refused (NotFound) before anything is read, the refusal is one failure row that names
 * no participant, and rows never show a foreign name.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Database } from '../db/client';
import { auditEvent } from '../db/schema';
import { NotFound } from '../errors';
import { accessLogOfOrganisation } from './queries';
import { record } from './record';

let database: Database;
let coordinatorB: Actor;
let participantA: Actor;
let trainerA: Actor;
let participantB: Actor;

beforeAll(async () => {
	database = await createTestDatabase();
	const a = await buildOrganisation(database.db);
	const b = await buildOrganisation(database.db);
	participantA = await buildPerson(database.db, {
		organisationId: a.id,
		role: 'participant',
		name: 'Anna A'
	});
	trainerA = await buildPerson(database.db, { organisationId: a.id, role: 'trainer', name: 'Tom A' });
	participantB = await buildPerson(database.db, { organisationId: b.id, role: 'participant', name: 'Bas B' });
	coordinatorB = await buildPerson(database.db, { organisationId: b.id, role: 'coordinator', name: 'Cor B' });
	await record(database.db, {
		eventType: 'goal.read',
		action: 'R',
		actor: trainerA,
		participantId: participantA.personId
	});
});

const rowsNaming = (participantId: string) =>
	database.db.select().from(auditEvent).where(eq(auditEvent.participantId, participantId));

describe('the organisation log viewer', () => {
	for (const purpose of ['view', 'export'] as const) {
		it(`refuses a filter on a person of another organisation (${purpose}), logging only the refusal`, async () => {
			for (const filter of [
				{ participantId: participantA.personId },
				{ actorPersonId: trainerA.personId },
				{ participantId: '00000000-0000-4000-8000-000000000000' }
			]) {
				const before = await database.db.select().from(auditEvent);
				await expect(
					accessLogOfOrganisation(database.db, coordinatorB, filter, { limit: 50, purpose })
				).rejects.toBeInstanceOf(NotFound);
				const seen = new Set(before.map((row) => row.id));
				const added = (await database.db.select().from(auditEvent)).filter((row) => !seen.has(row.id));
				expect(added).toHaveLength(1);
				expect(added[0]).toMatchObject({
					eventType: 'access.denied',
					outcome: 'failure',
					actorPersonId: coordinatorB.personId,
					participantId: null,
					participantIds: null
				});
			}
			// Nothing was read: the only row about A's participant is still the one written above.
			expect(await rowsNaming(participantA.personId)).toHaveLength(1);
		});
	}

	it('filters on its own people and logs that read', async () => {
		const rows = await accessLogOfOrganisation(
			database.db,
			coordinatorB,
			{ participantId: participantB.personId },
			{ limit: 50, purpose: 'view' }
		);
		expect(rows).toEqual([]);
		const logged = await rowsNaming(participantB.personId);
		expect(logged.map((row) => row.eventType)).toEqual(['access_log.read']);
	});

	it('shows no name of another organisation’s participant, even on a row that names one', async () => {
		// A row written under B that names an A participant (as the old viewer wrote them).
		await record(database.db, {
			eventType: 'access_log.read',
			action: 'R',
			actor: coordinatorB,
			participantId: participantA.personId
		});
		const rows = await accessLogOfOrganisation(database.db, coordinatorB, {}, { limit: 50, purpose: 'view' });
		expect(rows?.length).toBeGreaterThan(0);
		expect(JSON.stringify(rows)).not.toContain('Anna A');
		expect(JSON.stringify(rows)).not.toContain('Tom A');
	});
});
