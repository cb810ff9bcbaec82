/**
 * The SQL an app function sends, and how PostgreSQL would run it: for the tests that keep every
 * lookup on an index (src/lib/server/db/indexes.int.test.ts, page-plans.int.test.ts). Plans are made
 * with sequential scans turned off, so a plan names the index it would use, or falls back to a
 * sequential scan only where no index can serve: at any size of the organisation the same.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from '../../src/lib/server/db/client';
import * as schema from '../../src/lib/server/db/schema';

export interface Statement {
	sql: string;
	params: unknown[];
}

/** Runs `work` on a Db that records the SQL it sends, and returns those statements (not a transaction's
 * own begin, savepoint or commit). */
export async function statementsOf(pool: pg.Pool, work: (spy: Db) => Promise<unknown>): Promise<Statement[]> {
	const sent: Statement[] = [];
	const spy = drizzle(pool, {
		schema,
		logger: {
			logQuery: (query, params) => {
				if (/^\s*(select|insert|update|delete|with)\b/i.test(query)) sent.push({ sql: query, params });
			}
		}
	});
	await work(spy);
	return sent;
}

/** The JSON plan of one statement, with sequential scans off. */
export async function planOf(pool: pg.Pool, statement: Statement): Promise<string> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		await client.query('set local enable_seqscan = off');
		const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
			`explain (format json) ${statement.sql}`,
			statement.params
		);
		return JSON.stringify(rows[0]?.['QUERY PLAN']);
	} catch (problem) {
		throw new Error(`could not EXPLAIN ${statement.sql}`, { cause: problem });
	} finally {
		await client.query('rollback');
		client.release();
	}
}

/** The indexes a plan uses. */
export const indexesIn = (plan: string): string[] =>
	[...plan.matchAll(/"Index Name":"([a-z_]+)"/g)].map((match) => String(match[1]));

/** The tables a plan reads whole. */
export const tablesScannedIn = (plan: string): string[] =>
	[...plan.matchAll(/"Node Type":"Seq Scan"[^{}]*?"Relation Name":"([a-z_]+)"/g)].map((match) =>
		String(match[1])
	);
