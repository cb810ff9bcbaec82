/**
 * Vitest global setup for browser tests: builds if needed, then runs the real app (embedded
 * PostgreSQL, demo organisation) on a free port with a fresh data directory.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../scripts/build-if-needed.js';
import { spawnApp, stopApp, waitFor } from '../helpers/app';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The app's embedded database, for tests that must age a session or read what was stored. */
		appDatabaseUrl: string;
	}
}

export default async function setup(project: TestProject) {
	if (!buildIfNeeded()) throw new Error('The build failed.');
	// The browser tests sign in many times from one address; the per-account limit stays as it is.
	const app = await spawnApp({ DEMO: 'on', SIGN_IN_LIMIT_PER_IP: '1000' });
	await waitFor(app, '/readyz');
	project.provide('baseUrl', app.url);
	const pg = JSON.parse(await fs.readFile(path.join(app.dataDir, 'pg.json'), 'utf8')) as {
		port: number;
		password: string;
	};
	project.provide(
		'appDatabaseUrl',
		`postgres://postgres:${encodeURIComponent(pg.password)}@127.0.0.1:${pg.port}/herstelpad`
	);
	return async () => {
		// For debugging a browser test: HERSTELPAD_TEST_APP_LOG=1 prints what the app logged.
		if (process.env.HERSTELPAD_TEST_APP_LOG) console.log(app.output());
		await stopApp(app);
		await fs.rm(app.dataDir, { recursive: true, force: true });
	};
}
