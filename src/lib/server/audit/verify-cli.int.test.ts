import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { withDatabase } from '../../../../tests/setup/database';
import type { Database } from '../db/client';
import { record } from './record';

let database: Database;
let url: string;

function verify() {
	return spawnSync(process.execPath, ['scripts/audit-verify.js'], {
		env: { ...process.env, DATABASE_URL: url },
		encoding: 'utf8'
	});
}

beforeAll(async () => {
	database = await createTestDatabase();
	const { rows } = await database.pool.query<{ db: string }>('select current_database() as db');
	url = withDatabase(inject('adminUrl'), rows[0]?.db ?? '');
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

describe('npm run audit:verify', () => {
	it('reports a whole chain with exit code 0', () => {
		const result = verify();
		expect(result.stdout).toContain('Access log is whole: 3 rows checked');
		expect(result.status).toBe(0);
	});

	it('names the first tampered row with exit code 1', async () => {
		const client = await database.pool.connect();
		await client.query('alter table audit_event disable trigger audit_event_append_only');
		await client.query(`update audit_event set access_point = '203.0.113.9' where chain_seq = 2`);
		await client.query('alter table audit_event enable trigger audit_event_append_only');
		client.release();
		const result = verify();
		expect(result.stderr).toMatch(
			/Access log is broken at row id \d+ \(chain position 2\): its contents were changed/
		);
		expect(result.status).toBe(1);
	});
});
