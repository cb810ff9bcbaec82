import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Database } from '../db/client';
import { record } from './record';
import { verifyChain } from './verify';

let database: Database;

/** Inserts a row the way someone with database rights could: with the chaining trigger off. */
async function insertOutsideChain(chainSeq: number, hash = ''): Promise<number> {
	const client = await database.pool.connect();
	try {
		await client.query('begin');
		await client.query('alter table audit_event disable trigger audit_event_chain');
		const { rows } = await client.query<{ id: string }>(
			`insert into audit_event (chain_seq, event_type, action, outcome, hash)
			 values ($1, 'access_log.read', 'R', 'success', $2) returning id`,
			[chainSeq, hash]
		);
		await client.query('alter table audit_event enable trigger audit_event_chain');
		await client.query('commit');
		return Number(rows[0]?.id);
	} catch (problem) {
		await client.query('rollback');
		throw problem;
	} finally {
		client.release();
	}
}

beforeAll(async () => {
	database = await createTestDatabase();
	const org = await buildOrganisation(database.db);
	const trainer = await buildPerson(database.db, { organisationId: org.id, role: 'trainer' });
	for (let i = 0; i < 3; i++)
		await record(database.db, {
			eventType: 'access.denied',
			action: 'R',
			outcome: 'failure',
			actor: trainer
		});
});

describe('verifying the access log', () => {
	it('checks every row, and reports one outside the hash chain as a break', async () => {
		expect(await verifyChain(database.pool)).toEqual({ ok: true, rows: 3, removed: 0 });
		const id = await insertOutsideChain(0);
		expect(await verifyChain(database.pool)).toEqual({
			ok: false,
			rows: 0,
			removed: 0,
			brokenAt: { id, chainSeq: 0, reason: 'it is not in the hash chain' }
		});
	});

	it('also finds a row with a negative position, before any other', async () => {
		const id = await insertOutsideChain(-5, 'a'.repeat(64));
		expect(await verifyChain(database.pool)).toMatchObject({
			ok: false,
			brokenAt: { id, chainSeq: -5, reason: 'it is not in the hash chain' }
		});
	});
});
