/**
 * The pool survives its server ending connections (issue 24, item 5): `pg_terminate_backend` (what
 * a crash or an operator does) while a client is checked out used to end the process with an
 * unhandled 'error' event, and a client whose holder never released it was lost to the pool.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { openDatabase, type Database } from './client';
import { isDatabaseUnavailable } from './unavailable';

let url: string;
const admin = new pg.Client({ connectionString: inject('adminUrl') });
const opened: Database[] = [];

beforeAll(async () => {
	url = (await createTestDatabase()).url;
	await admin.connect();
});
afterAll(async () => {
	for (const database of opened) await database.close();
	await admin.end();
});

/** Ends the server process behind a connection, as a crash or `pg_terminate_backend` would. */
async function terminate(pid: number): Promise<void> {
	await admin.query('select pg_terminate_backend($1)', [pid]);
}

describe('openDatabase when the server ends a connection', () => {
	it('fails the transaction it was in with a "database away" error, and keeps every pool slot', async () => {
		const database = openDatabase(url, 2);
		opened.push(database);
		// More broken transactions than the pool has slots: a lost slot would show as a time-out.
		for (let round = 0; round < 4; round++) {
			let client: pg.PoolClient | undefined;
			database.pool.once('acquire', (acquired: pg.PoolClient) => (client = acquired));
			const attempt = database.db.transaction(async (tx) => {
				const result = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
				// The end arrives while no statement runs: between two statements of a transaction.
				const ended = new Promise((resolve) => client?.once('end', resolve));
				await terminate(result.rows[0]!.pid);
				await ended;
				await tx.execute(sql`select 1`);
			});
			const failure = await attempt.then(
				() => null,
				(error: unknown) => error
			);
			expect(isDatabaseUnavailable(failure)).toBe(true);
		}
		const answers = await Promise.all(
			[1, 2, 3].map(() => database.pool.query<{ one: number }>('select 1 as one'))
		);
		expect(answers.map((answer) => answer.rows[0]?.one)).toEqual([1, 1, 1]);
		expect(database.pool.totalCount).toBeLessThanOrEqual(2);
	});

	it('survives the end of a checked-out client that is never used again', async () => {
		const database = openDatabase(url, 1);
		opened.push(database);
		const client = await database.pool.connect();
		const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
		const ended = new Promise((resolve) => client.once('end', resolve));
		await terminate(rows[0]!.pid);
		await ended;
		// The only slot is free again without a release; a late release changes nothing.
		expect((await database.pool.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
		client.release();
		expect((await database.pool.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
	});
});
