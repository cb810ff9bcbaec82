import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { clear, hit, signInLimits } from './rate-limit';

let db: Db;
beforeAll(async () => {
	db = (await createTestDatabase()).db;
});

describe('rate limits', () => {
	it('allows up to the maximum, then refuses with the time left in the window', async () => {
		const limit = [{ key: 'test:a', max: 3, windowSeconds: 600 }];
		for (let i = 0; i < 3; i++) expect(await hit(db, limit)).toEqual({ allowed: true });
		const refused = await hit(db, limit);
		expect(refused.allowed).toBe(false);
		if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(590);
	});

	it('counts concurrent attempts exactly', async () => {
		const limit = [{ key: 'test:concurrent', max: 10, windowSeconds: 600 }];
		const results = await Promise.all(Array.from({ length: 15 }, () => hit(db, limit)));
		expect(results.filter((result) => result.allowed)).toHaveLength(10);
	});

	it('starts a new window once the old one has passed', async () => {
		const limit = [{ key: 'test:window', max: 1, windowSeconds: 600 }];
		await hit(db, limit);
		expect((await hit(db, limit)).allowed).toBe(false);
		await db.execute(
			sql`update rate_limit set window_start = now() - interval '11 minutes' where key = 'test:window'`
		);
		expect(await hit(db, limit)).toEqual({ allowed: true });
	});

	it('does not let attempts from elsewhere lock out the owner of an account', async () => {
		for (let i = 0; i < 20; i++) await hit(db, signInLimits('anna@example.org', '198.51.100.7'));
		expect((await hit(db, signInLimits('anna@example.org', '198.51.100.7'))).allowed).toBe(false);
		expect(await hit(db, signInLimits('Anna@example.org', '192.0.2.44'))).toEqual({ allowed: true });
	});

	it('forgets the attempts of a key once cleared', async () => {
		const limit = [{ key: 'test:clear', max: 1, windowSeconds: 600 }];
		await hit(db, limit);
		await clear(db, 'test:clear');
		expect(await hit(db, limit)).toEqual({ allowed: true });
	});
});
