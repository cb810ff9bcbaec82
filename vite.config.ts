import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { ownOrganisationFiles } from './scripts/e2e-sets.js';
import { frameChunk } from './scripts/frame-chunk.js';

// The browser tests' shared settings: the real app (tests/setup/app.ts), and generous limits that
// only catch a hang (every browser wait has its own limit). A long flow took more than 60 s on a
// machine running three test suites at once (goals.test.ts, 2026-12-04).
// expect.poll waits as long as a browser wait (30 s), not vitest's 1 s: a text that appears after a
// page load and a lazily loaded script took longer than 1 s on a busy machine (access.test.ts, CI).
const browserTests = {
	globalSetup: ['tests/setup/app.ts'],
	testTimeout: 180_000,
	hookTimeout: 120_000,
	expect: { poll: { timeout: 30_000 } }
};

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The language choice lives in a cookie (set by the language switch); Dutch otherwise.
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		frameChunk()
	],
	server: { port: 5173 },
	test: {
		// Keep the 2-core machine usable: at most two test files at once.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.int.test.ts'],
					// Pure tests; the limit only catches a hang. 5 s (the default) was passed by a
					// 100-run property test on a machine running three CI runs at once.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['src/**/*.int.test.ts', 'tests/integration/**/*.test.ts'],
					globalSetup: ['tests/setup/database.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					// The browser tests that share the demo organisation (its accounts, rows and settings):
					// one file at a time. Any new file lands here (scripts/e2e-sets.js).
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					exclude: [...configDefaults.exclude, ...ownOrganisationFiles],
					fileParallelism: false,
					...browserTests
				}
			},
			{
				extends: true,
				test: {
					// The browser tests that each build an organisation of their own: two files at a time,
					// on an app of their own. `npm test` runs this project beside `e2e`.
					name: 'e2e-own',
					include: ownOrganisationFiles,
					...browserTests
				}
			}
		]
	}
});
