/**
 * A participant's own log: repeats of one event by one person on one day make one line with their
 * number; a peer expert is named as one; a page holds whole lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { accessLogOfParticipant } from './queries';
import { record } from './record';

let db: Db;
let trainer: Actor;
let peer: Actor;
let anna: Actor;
let bram: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tom' });
	peer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: 'Petra',
		isPeerExpert: true
	});
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	// Tom looks at the group list twenty times (Anna and Bram on it), then at Anna's goals; Petra once.
	for (let index = 0; index < 20; index++)
		await record(db, {
			eventType: 'group.participants.read',
			action: 'R',
			actor: trainer,
			participantIds: [anna.personId, bram.personId]
		});
	await record(db, { eventType: 'goal.read', action: 'R', actor: trainer, participantId: anna.personId });
	await record(db, {
		eventType: 'group.participants.read',
		action: 'R',
		actor: peer,
		participantIds: [anna.personId]
	});
});

describe("a participant's own log", () => {
	it('shows repeats of one event by one person on one day as one line with their number, newest first', async () => {
		const { rows, hasMore } = await accessLogOfParticipant(db, anna, { page: 0, pageSize: 10 });
		expect(hasMore).toBe(false);
		expect(
			rows.map(({ actorName, eventType, count, actorIsPeerExpert }) => ({
				actorName,
				eventType,
				count,
				actorIsPeerExpert
			}))
		).toEqual([
			{ actorName: 'Petra', eventType: 'group.participants.read', count: 1, actorIsPeerExpert: true },
			{ actorName: 'Tom', eventType: 'goal.read', count: 1, actorIsPeerExpert: false },
			{ actorName: 'Tom', eventType: 'group.participants.read', count: 20, actorIsPeerExpert: false }
		]);
		const repeated = rows[2]!;
		expect(repeated.firstAt.getTime()).toBeLessThanOrEqual(repeated.recordedAt.getTime());
		expect(repeated.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// Bram was on the same list: his log counts the same twenty looks, and nothing else.
		const own = await accessLogOfParticipant(db, bram, { page: 0, pageSize: 10 });
		expect(own.rows.map((row) => row.count)).toEqual([20]);
	});

	it('pages by whole lines', async () => {
		const first = await accessLogOfParticipant(db, anna, { page: 0, pageSize: 2 });
		const second = await accessLogOfParticipant(db, anna, { page: 1, pageSize: 2 });
		expect(first.hasMore).toBe(true);
		expect(second).toMatchObject({ hasMore: false, rows: [{ actorName: 'Tom', count: 20 }] });
	});
});
