/**
 * The participant's week comes from the per-instance caches (their group, their home page): a
 * calendar change clears them on every instance (group_session → NOTIFY 'groups'), so the home page
 * shows the moved week at once and never a stale "done" for the week before.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { localToInstant } from '$lib/domain/schedule';
import { checkInWeekAt } from '$lib/domain/week';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { listenForCacheChanges } from '../auth/session-cache';
import { changeSession, createGroup } from '../calendar/group-calendar/commands';
import { groupCalendar } from '../calendar/group-calendar/queries';
import type { Db } from '../db/client';
import { checkIn, groupMember } from '../db/schema';
import { participantGroup, participantGroupCache } from '../groups/queries';
import { createGoal } from './commands';
import { participantOverview } from './overview';
import { overviewCache } from './overview-cache';

let db: Db;
let anna: Actor;
let trainer: Actor;
let groupId: string;
let stop: () => Promise<void>;

/** Waits for a notification to arrive (bounded: at most five seconds). */
async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	const org = await buildOrganisation(db);
	const coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	const made = await createGroup(db, coordinator, {
		name: 'Cachegroep',
		location: 'Zaal 1',
		weekday: 4,
		startTime: '10:00',
		startDate: '2026-09-03',
		endDate: null,
		trainerIds: [trainer.personId],
		skipPublicHolidays: true,
		daysOff: []
	});
	groupId = made?.ok ? made.id : '';
	await db.insert(groupMember).values({ groupId, personId: anna.personId });
	await createGoal(db, anna, anna.personId, { lifeArea: 'work', text: 'Werk zoeken', why: '' });
	// Checked in for the week of Thursday 26 November.
	await db.insert(checkIn).values({
		personId: anna.personId,
		groupId,
		weekStart: '2026-11-26',
		idempotencyKey: randomUUID(),
		worked: 'yes',
		closeness: 3
	});
	stop = listenForCacheChanges(database.url, [participantGroupCache, overviewCache]);
	await until(() => participantGroupCache.active && overviewCache.active);
});
afterAll(async () => {
	await stop();
});

describe('cached weeks', () => {
	it('follow a moved session on every instance at once', async () => {
		expect(participantGroupCache.active).toBe(true);
		const wednesday = localToInstant('2026-12-02', '12:00');
		const before = await participantGroup(db, anna);
		expect(checkInWeekAt(before!.group, wednesday)?.startDate).toBe('2026-11-26');
		expect((await participantOverview(db, anna, 'nl', wednesday)).checkIn).toBe('done');
		expect(participantGroupCache.get(anna.personId)).toBeDefined();
		expect(overviewCache.get(anna.personId)).toBeDefined();

		const thursday = (await groupCalendar(db, trainer, groupId))!.sessions.find(
			(s) => s.date === '2026-12-03'
		)!;
		await changeSession(db, trainer, groupId, thursday.id, {
			kind: 'move',
			date: '2026-12-02',
			time: '09:00'
		});
		await until(
			() =>
				participantGroupCache.get(anna.personId) === undefined &&
				overviewCache.get(anna.personId) === undefined
		);
		const after = await participantGroup(db, anna);
		expect(checkInWeekAt(after!.group, wednesday)?.startDate).toBe('2026-12-02');
		expect((await participantOverview(db, anna, 'nl', wednesday)).checkIn).toBe('open');
	});
});
