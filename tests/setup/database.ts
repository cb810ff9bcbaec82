/**
 * Vitest global setup for integration tests: one PostgreSQL for the whole run and one migrated
 * template database. Each test file clones its own database from the template (tests/helpers/db.ts),
 * so files run in parallel and nothing is truncated.
 * With TEST_DATABASE_URL set (CI, with the machine's PostgreSQL service) that server is used; otherwise an embedded
 * PostgreSQL starts in a temporary directory.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/client';
import { startEmbeddedPostgres } from '../../src/lib/server/db/embedded';
import { migrateDatabase } from '../../src/lib/server/db/migrate';
import { setUpTestRunDir } from '../helpers/run-dir.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A URL to a maintenance database on the test server (to create and drop databases). */
		adminUrl: string;
		templateDatabase: string;
	}
}

/** The URL of `database` on the server `url` points at. */
export function withDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

export default async function setup(project: TestProject) {
	// Before the workers start, so that they and every process they start share it.
	const removeRunDir = setUpTestRunDir();
	let stopServer = async () => undefined as void;
	let tempDir: string | undefined;
	let adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-test-'));
		const server = await startEmbeddedPostgres({ dataDir: tempDir });
		adminUrl = withDatabase(server.url, 'postgres');
		stopServer = server.stop;
	}
	const templateDatabase = `herstelpad_template_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${templateDatabase}`);
	const template = openDatabase(withDatabase(adminUrl, templateDatabase), 1);
	await migrateDatabase(template.pool);
	await template.close();
	project.provide('adminUrl', adminUrl);
	project.provide('templateDatabase', templateDatabase);

	return async () => {
		await admin.query(`drop database if exists ${templateDatabase} with (force)`);
		await admin.end();
		await stopServer();
		if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
		removeRunDir();
	};
}
