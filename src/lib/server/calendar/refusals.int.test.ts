/**
 * Commands refused after the area check (issue 16): a trainer or coordinator who may enter their area
 * but not this group gets NotFound, the access log gets a failure row that names no participant, and
 * nothing changes.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { addGroupItem } from '../curriculum/group-items/commands';
import type { Db } from '../db/client';
import { auditEvent, groupItem, groupSession, sessionAttendance } from '../db/schema';
import { NotFound } from '../errors';
import { addSession, changeSession, recordAttendance } from './group-calendar/commands';
import { sessionPlan } from './group-calendar/queries';
import { assignPractice } from './home-practice/commands';

let db: Db;
let trainer: Actor;
let otherTrainer: Actor;
let otherCoordinator: Actor;
let anna: Actor;
let groupId: string;
let sessionId: string;
let ownGroupId: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const otherOrg = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherCoordinator = await buildPerson(db, { organisationId: otherOrg.id, role: 'coordinator' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	// The other trainer trains a group of their own: the refusal is about this group, not the area.
	ownGroupId = (await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] })).id;
	const group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	groupId = group.id;
	const [session] = await db
		.insert(groupSession)
		.values({ groupId, date: '2026-09-08', startTime: '14:00' })
		.returning({ id: groupSession.id });
	sessionId = session!.id;
});

/** The access log's failure rows written by `actor`. */
async function refusalsBy(actor: Actor) {
	return db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.outcome, 'failure')));
}

describe('a command refused after the area check', () => {
	it('moving a session of a group the trainer does not train: a failure row, the session stays', async () => {
		await expect(
			changeSession(db, otherTrainer, groupId, sessionId, { kind: 'move', date: '2026-09-09', time: '15:00' })
		).rejects.toThrow(NotFound);
		const rows = await refusalsBy(otherTrainer);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			eventType: 'access.denied',
			outcome: 'failure',
			action: 'R',
			objectType: 'group',
			objectId: groupId,
			participantId: null
		});
		expect(rows[0]?.participantIds ?? []).toEqual([]);
		const [session] = await db.select().from(groupSession).where(eq(groupSession.id, sessionId));
		expect(session).toMatchObject({ date: '2026-09-08', startTime: '14:00:00', movedFrom: null });
	});

	it('recording attendance and adding an own item for another group: failure rows, nothing written', async () => {
		const before = (await refusalsBy(otherTrainer)).length;
		await expect(
			recordAttendance(db, otherTrainer, groupId, sessionId, new Map([[anna.personId, 'present' as const]]))
		).rejects.toThrow(NotFound);
		await expect(
			addGroupItem(db, otherTrainer, groupId, 1, {
				kind: 'text',
				title: 'Niet van jou',
				text: 'x',
				url: '',
				question: ''
			})
		).rejects.toThrow(NotFound);
		const rows = (await refusalsBy(otherTrainer)).slice(before);
		expect(rows.map((row) => [row.eventType, row.objectId, row.participantId])).toEqual([
			['access.denied', groupId, null],
			['access.denied', groupId, null]
		]);
		expect(
			await db.select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, sessionId))
		).toEqual([]);
		expect(await db.select().from(groupItem).where(eq(groupItem.groupId, groupId))).toEqual([]);
	});

	it('adding a session to another organisation’s group: a failure row, no session added', async () => {
		await expect(
			addSession(db, otherCoordinator, groupId, { date: '2026-09-10', time: '10:00', topic: 'Extra' })
		).rejects.toThrow(NotFound);
		const rows = await refusalsBy(otherCoordinator);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ eventType: 'access.denied', objectType: 'group', participantId: null });
		expect(await db.select().from(groupSession).where(eq(groupSession.groupId, groupId))).toHaveLength(1);
	});

	it('naming another group’s session under the trainer’s own group: failure rows, nothing written', async () => {
		const before = (await refusalsBy(otherTrainer)).length;
		await expect(
			changeSession(db, otherTrainer, ownGroupId, sessionId, { kind: 'cancel', reason: 'ziek' })
		).rejects.toThrow(NotFound);
		await expect(
			recordAttendance(
				db,
				otherTrainer,
				ownGroupId,
				sessionId,
				new Map([[anna.personId, 'present' as const]])
			)
		).rejects.toThrow(NotFound);
		await expect(sessionPlan(db, otherTrainer, ownGroupId, sessionId)).rejects.toThrow(NotFound);
		await expect(
			assignPractice(db, otherTrainer, ownGroupId, sessionId, {
				source: { kind: 'own', text: 'Niet van jou' },
				answerKind: 'text',
				choices: []
			})
		).rejects.toThrow(NotFound);
		const rows = (await refusalsBy(otherTrainer)).slice(before);
		expect(rows.map((row) => [row.eventType, row.objectType, row.objectId, row.participantId])).toEqual([
			['access.denied', 'session', sessionId, null],
			['access.denied', 'session', sessionId, null],
			['access.denied', 'session', sessionId, null],
			['access.denied', 'session', sessionId, null]
		]);
		const [session] = await db.select().from(groupSession).where(eq(groupSession.id, sessionId));
		expect(session).toMatchObject({ status: 'planned' });
		expect(
			await db.select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, sessionId))
		).toEqual([]);
	});
});
