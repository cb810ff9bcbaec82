import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { QueueSizeCache, type QueueSize } from './queues';

const pool = {} as pg.Pool;
const sizes = (jobs: number): QueueSize[] => [{ queue: 'mail-send', state: 'queued', jobs }];

/** A cache on a clock the test moves, and a read the test answers. */
function cacheWithClock(read: () => Promise<QueueSize[]>) {
	const clock = { now: 0 };
	let reads = 0;
	const cache = new QueueSizeCache(
		() => {
			reads++;
			return read();
		},
		15_000,
		() => clock.now
	);
	return { cache, clock, reads: () => reads };
}

describe('QueueSizeCache', () => {
	it('reads once per 15 s, however many scrapes come in between', async () => {
		let jobs = 3;
		const { cache, clock, reads } = cacheWithClock(() => Promise.resolve(sizes(jobs)));
		const scrapes = await Promise.all([cache.current(pool), cache.current(pool), cache.current(pool)]);
		expect(scrapes.map((scrape) => scrape.sizes[0]?.jobs)).toEqual([3, 3, 3]);
		expect(reads()).toBe(1);
		jobs = 5;
		clock.now = 14_999;
		expect((await cache.current(pool)).sizes[0]?.jobs).toBe(3);
		expect((await cache.current(pool)).ageSeconds).toBeCloseTo(15, 1);
		clock.now = 15_000;
		expect((await cache.current(pool)).sizes[0]?.jobs).toBe(5);
		expect(reads()).toBe(2);
	});

	it('keeps the last figures when a read fails, and does not try again before 15 s', async () => {
		let fail = false;
		const { cache, clock, reads } = cacheWithClock(() =>
			fail ? Promise.reject(new Error('database away')) : Promise.resolve(sizes(7))
		);
		await cache.current(pool);
		fail = true;
		clock.now = 20_000;
		const stale = await cache.current(pool);
		expect(stale.sizes[0]?.jobs).toBe(7);
		expect(stale.ageSeconds).toBe(20);
		clock.now = 30_000;
		await cache.current(pool);
		expect(reads()).toBe(2);
	});
});
