import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, session } from '../db/schema';
import { endOtherSessions, endOwnSession, listOwnSessions } from './sessions';

let db: Db;
let anna: Actor;
let bram: Actor;
const later = () => new Date(Date.now() + 3600_000);

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	await db.insert(session).values([
		{ id: 'anna-phone', token: 'a1', userId: anna.userId, expiresAt: later(), userAgent: 'Android' },
		{ id: 'anna-pc', token: 'a2', userId: anna.userId, expiresAt: later() },
		{ id: 'anna-old', token: 'a3', userId: anna.userId, expiresAt: new Date(Date.now() - 1000) },
		// Idle for 13 hours: past a participant's 12-hour idle limit.
		{
			id: 'anna-idle',
			token: 'a5',
			userId: anna.userId,
			expiresAt: later(),
			lastSeenAt: new Date(Date.now() - 13 * 3600_000)
		},
		{ id: 'bram-phone', token: 'b1', userId: bram.userId, expiresAt: later() }
	]);
});

describe('own sessions', () => {
	it('lists only the person’s own live sessions (not expired, not idle too long) and marks the current one', async () => {
		const sessions = await listOwnSessions(db, anna, 'anna-phone');
		expect(sessions.map((s) => [s.id, s.current]).sort()).toEqual([
			['anna-pc', false],
			['anna-phone', true]
		]);
	});

	it('refuses to end someone else’s session, as if it did not exist', async () => {
		await expect(endOwnSession(db, anna, 'bram-phone')).rejects.toMatchObject({ status: 404 });
		expect(await db.select().from(session).where(eq(session.id, 'bram-phone'))).toHaveLength(1);
		// The refusal is logged, naming no one but the actor.
		const refused = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, anna.personId), eq(auditEvent.eventType, 'access.denied')));
		expect(refused).toHaveLength(1);
		expect(refused[0]).toMatchObject({ outcome: 'failure', participantId: null, participantIds: null });
	});

	it('ends one own session, then all others but the current', async () => {
		await endOwnSession(db, anna, 'anna-pc');
		expect((await listOwnSessions(db, anna, null)).map((s) => s.id)).toEqual(['anna-phone']);
		await db
			.insert(session)
			.values({ id: 'anna-tablet', token: 'a4', userId: anna.userId, expiresAt: later() });
		expect(await endOtherSessions(db, anna, 'anna-phone')).toBeGreaterThanOrEqual(1);
		expect((await listOwnSessions(db, anna, null)).map((s) => s.id)).toEqual(['anna-phone']);
		expect(await db.select().from(session).where(eq(session.id, 'bram-phone'))).toHaveLength(1);
	});
});
