/**
 * Vitest global setup for browser tests: builds if needed, then runs the real app (embedded
 * PostgreSQL, demo organisation) on a free port with a fresh data directory.
 */
import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../scripts/build-if-needed.js';
import { spawnApp, stopApp, waitFor } from '../helpers/app';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}

export default async function setup(project: TestProject) {
	if (!buildIfNeeded()) throw new Error('The build failed.');
	// The browser tests sign in many times from one address; the per-account limit stays as it is.
	const app = await spawnApp({ DEMO: 'on', SIGN_IN_LIMIT_PER_IP: '1000' });
	await waitFor(app, '/readyz');
	project.provide('baseUrl', app.url);
	return async () => {
		await stopApp(app);
		await fs.rm(app.dataDir, { recursive: true, force: true });
	};
}
