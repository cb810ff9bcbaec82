import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Database } from '../db/client';
import { installQueue, queueJob } from '../jobs';
import { readQueueSizes } from './queues';

const SETTINGS = { retryLimit: 0, retryDelay: 0, expireInSeconds: 60 };

let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
	await installQueue(database.pool, 'metrics-test-busy', SETTINGS);
	await installQueue(database.pool, 'metrics-test-empty', SETTINGS);
});

describe('readQueueSizes', () => {
	it('counts the jobs due, due later and being worked, for every queue, also an empty one', async () => {
		await database.db.transaction(async (tx) => {
			await queueJob(tx, 'metrics-test-busy', { n: 1 });
			await queueJob(tx, 'metrics-test-busy', { n: 2 });
		});
		// A job for later (as a planned reminder is), and one a worker has taken.
		await database.pool.query(
			`update pgboss.job set start_after = now() + interval '1 day'
			 where id = (select id from pgboss.job where name = 'metrics-test-busy' and data->>'n' = '1')`
		);
		await database.db.transaction((tx) => queueJob(tx, 'metrics-test-busy', { n: 3 }));
		await database.pool.query(
			`update pgboss.job set state = 'active', started_on = now()
			 where id = (select id from pgboss.job where name = 'metrics-test-busy' and data->>'n' = '3')`
		);

		const sizes = await readQueueSizes(database.pool);
		const of = (queue: string, state: string) =>
			sizes.find((size) => size.queue === queue && size.state === state)?.jobs;
		expect(of('metrics-test-busy', 'queued')).toBe(1);
		expect(of('metrics-test-busy', 'deferred')).toBe(1);
		expect(of('metrics-test-busy', 'active')).toBe(1);
		expect([of('metrics-test-empty', 'queued'), of('metrics-test-empty', 'deferred')]).toEqual([0, 0]);
		expect(of('metrics-test-empty', 'active')).toBe(0);
	});
});
