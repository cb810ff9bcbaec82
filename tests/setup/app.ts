/**
 * Vitest global setup for browser tests: builds if needed, then runs the real app (embedded
 * PostgreSQL, demo organisation) on a free port with a fresh data directory.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../scripts/build-if-needed.js';
import { spawnApp, stopApp, waitFor } from '../helpers/app';
import { startMailCapture } from '../helpers/mail';
import { setUpTestRunDir } from '../helpers/run-dir.js';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The app's embedded database, for tests that must age a session or read what was stored. */
		appDatabaseUrl: string;
		/** Where the test SMTP server writes each message the app sends (one .eml file each). */
		mailDir: string;
	}
}

export default async function setup(project: TestProject) {
	if (!buildIfNeeded()) throw new Error('The build failed.');
	// Before the workers start, so that they and every process they start share it (TOTP claims, sessions).
	const removeRunDir = setUpTestRunDir();
	// A real SMTP exchange: the app sends to this server on loopback, which files each message.
	const mail = await startMailCapture(await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-mail-')));
	project.provide('mailDir', mail.dir);
	// The browser tests sign in many times from one address; the per-account limit stays as it is.
	const app = await spawnApp({
		DEMO: 'on',
		// The browser tests count on the demo group as it is, without the lived-in history's groups.
		DEMO_HISTORY: 'off',
		SIGN_IN_LIMIT_PER_IP: '1000',
		SMTP_URL: `smtp://127.0.0.1:${mail.port}`
	});
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
		await mail.close();
		await fs.rm(app.dataDir, { recursive: true, force: true });
		await fs.rm(mail.dir, { recursive: true, force: true });
		removeRunDir();
	};
}
