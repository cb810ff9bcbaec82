/**
 * The benchmarks that run inside vitest, each on its own (not part of `npm test`): `npm run
 * bench:reminders` (with a real SMTP server in this process), `npm run bench:privacy` and `npm run
 * bench:crash` (its own PostgreSQL and app instances), on a real PostgreSQL (embedded, or
 * TEST_DATABASE_URL).
 */
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		include: ['bench/*.bench.test.ts'],
		globalSetup: ['tests/setup/database.ts'],
		testTimeout: 600_000,
		hookTimeout: 600_000
	}
});
