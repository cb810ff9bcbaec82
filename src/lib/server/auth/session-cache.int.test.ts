import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { courseGroup, person, session } from '../db/schema';
import { participantGroup, participantGroupCache } from '../groups/queries';
import { tokenHash } from './secret-box';
import { lookupSession, sessionCache } from './session';
import { CACHE_CHANNEL, listenForCacheChanges } from './session-cache';
import { LIVE_CHANNEL } from '../live/stream';

let db: Db;
let pool: pg.Pool;
let anna: Actor;
let stop: () => Promise<void>;
let group: { id: string };
const times = {
	staff: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
	participant: { idleMs: 12 * 3_600_000, absoluteMs: 14 * 24 * 3_600_000 }
};
const token = 'a'.repeat(43);

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	pool = database.pool;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	stop = listenForCacheChanges(database.url, [sessionCache, participantGroupCache]);
	group = await buildGroup(db, { organisationId: org.id, participants: [anna] });
	await until(() => sessionCache.active && participantGroupCache.active);
});
afterAll(async () => {
	await stop();
});

describe('session cache with database notifications', () => {
	it('hears every cache trigger on the one channel named for caches (and live mode on its own)', async () => {
		const notifying = await db.execute<{ name: string; channel: string }>(sql`
			select p.proname as name, m[1] as channel
			from pg_proc p
			join pg_namespace n on n.oid = p.pronamespace
			cross join lateral regexp_matches(p.prosrc, 'pg_notify[(]''([^'']+)''', 'g') as m
			where n.nspname = 'public'`);
		expect(notifying.rows.length).toBeGreaterThanOrEqual(5);
		// Every trigger notifies one of the channels the instance's one LISTEN connection hears.
		expect(new Set(notifying.rows.map((row) => row.channel))).toEqual(new Set([CACHE_CHANNEL, LIVE_CHANNEL]));
	});

	it('serves a repeated lookup from memory and forgets it when the session ends or the person is turned off', async () => {
		expect(sessionCache.active).toBe(true);
		await db.insert(session).values({
			id: 'cached',
			token: tokenHash(token),
			userId: anna.userId,
			expiresAt: new Date(Date.now() + 3_600_000)
		});
		expect((await lookupSession(db, token, times)).state).toBe('live');
		expect(sessionCache.get(tokenHash(token))).toBeDefined();

		// Turned off elsewhere (another instance, a coordinator): the notification evicts at once.
		await db.update(person).set({ deactivatedAt: new Date() }).where(eq(person.id, anna.personId));
		await until(() => sessionCache.get(tokenHash(token)) === undefined);
		expect(sessionCache.get(tokenHash(token))).toBeUndefined();
		expect((await lookupSession(db, token, times)).state).toBe('none');

		await db.update(person).set({ deactivatedAt: null }).where(eq(person.id, anna.personId));
		expect((await lookupSession(db, token, times)).state).toBe('live');
		await db.delete(session).where(eq(session.id, 'cached'));
		await until(() => sessionCache.get(tokenHash(token)) === undefined);
		expect((await lookupSession(db, token, times)).state).toBe('none');
	});
});

describe('session lookup from the cache', () => {
	it('answers a cached live session without a promise, and goes to the database to note "last seen"', async () => {
		const other = 'b'.repeat(43);
		const lastSeenAt = new Date(Date.now() - 2 * 60_000);
		await db.insert(session).values({
			id: 'quick',
			token: tokenHash(other),
			userId: anna.userId,
			expiresAt: new Date(Date.now() + 3_600_000),
			lastSeenAt
		});
		// Not cached yet: a database lookup, which also notes that the person was seen now.
		const first = lookupSession(db, other, times);
		expect(first).toBeInstanceOf(Promise);
		expect((await first).state).toBe('live');
		const [row] = await db.select().from(session).where(eq(session.id, 'quick'));
		expect(row?.lastSeenAt.getTime()).toBeGreaterThan(lastSeenAt.getTime());

		// That write tells every instance (NOTIFY), this one too: the next lookup reads it back.
		await until(() => sessionCache.get(tokenHash(other)) === undefined);
		expect((await lookupSession(db, other, times)).state).toBe('live');

		// Cached and seen just now: answered at once, the same person.
		const second = lookupSession(db, other, times);
		expect(second).not.toBeInstanceOf(Promise);
		expect(second).toMatchObject({ state: 'live', actor: { userId: anna.userId } });

		// Over a minute later the cached session is noted as seen again, in the database.
		const later = new Date(Date.now() + 90_000);
		const third = lookupSession(db, other, times, later);
		expect(third).toBeInstanceOf(Promise);
		expect((await third).state).toBe('live');
		const [touched] = await db.select().from(session).where(eq(session.id, 'quick'));
		expect(touched?.lastSeenAt.getTime()).toBe(later.getTime());
	});
});

describe('participant group cache', () => {
	it('serves the group from memory and sees a renamed group at once', async () => {
		expect((await participantGroup(db, anna))?.group.id).toBe(group.id);
		expect(participantGroupCache.get(anna.personId)).toBeDefined();
		await db.update(courseGroup).set({ name: 'Nieuwe naam' }).where(eq(courseGroup.id, group.id));
		await until(() => participantGroupCache.get(anna.personId) === undefined);
		expect((await participantGroup(db, anna))?.group.name).toBe('Nieuwe naam');
	});
});

describe('the LISTEN connection when its server ends it', () => {
	const listeners = async () =>
		(
			await pool.query<{ pid: number }>(
				`select pid from pg_stat_activity
				 where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`
			)
		).rows.map((row) => row.pid);

	it('turns the caches off, reconnects once, and turns them on again', async () => {
		const [first, ...others] = await listeners();
		expect(first).toBeDefined();
		expect(others).toEqual([]);
		await pool.query('select pg_terminate_backend($1)', [first]);
		await expect.poll(() => sessionCache.active, { timeout: 10_000, interval: 20 }).toBe(false);
		await expect
			.poll(async () => sessionCache.active && (await listeners()).length, { timeout: 20_000 })
			.toBe(1);
		expect(await listeners()).not.toContain(first);
		expect(participantGroupCache.active).toBe(true);
	});
});
