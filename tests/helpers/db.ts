import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { withDatabase } from '../setup/database';

/**
 * A fresh database for this test file, cloned from the migrated template and dropped after the
 * file's tests have run.
 */
export async function createTestDatabase(): Promise<Database & { url: string }> {
	return createDatabase(`template ${inject('templateDatabase')}`);
}

/** A new database without any schema (as `createdb` makes it), dropped after the file's tests. */
export async function createEmptyDatabase(): Promise<Database & { url: string }> {
	return createDatabase('');
}

async function createDatabase(template: string): Promise<Database & { url: string }> {
	const adminUrl = inject('adminUrl');
	const name = `herstelpad_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name} ${template}`);
	await admin.end();
	const url = withDatabase(adminUrl, name);
	const database = openDatabase(url, 4);
	afterAll(async () => {
		await database.close();
		const cleanup = new pg.Client({ connectionString: adminUrl });
		await cleanup.connect();
		await cleanup.query(`drop database if exists ${name} with (force)`);
		await cleanup.end();
	});
	return Object.assign(database, { url });
}

/** The app secret integration tests seal secrets with (TOTP, SSO). */
export const TEST_SECRET = 'integration-test-secret-at-least-32-characters';
