/**
 * The browser tests that run in parallel (scripts/e2e-sets.js) share nothing with other files: each
 * builds an organisation of its own, and none signs in as a demo account, takes a TOTP step, or starts
 * an app or process (ports, data directories). A file that does must stay in the one-at-a-time set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownOrganisationFiles } from './e2e-sets.js';

/** What a test file may not do to run beside others: each with what it means. */
const shared: [RegExp, string][] = [
	[/\bdemo\.(participant|trainer|peerTrainer|coordinator)\b|@demo\.herstelpad/, 'uses a demo account'],
	[/import\s*\{[^}]*\b(demo|DEMO_PASSWORD|DEMO_TOTP_SECRET)\b[^}]*\}/, 'imports the demo accounts'],
	[/\b(signIn|signInOverHttp|proveSecondStep|withFreshCode|freshCode)\(/, 'signs in with a password or code'],
	[/(?<!\.)\b(spawnApp|startApp|spawn|exec|execFile|execSync|spawnSync|fork)\(/, 'starts an app or process'],
	[/\bfreePort\(|\.listen\(/, 'takes a port']
];

/** The test helpers a file imports (tests/helpers/…), whose code runs in the file too. */
function helpersOf(text: string): string[] {
	return [...text.matchAll(/from '\.\.\/helpers\/([\w-]+)'/g)].map((match) =>
		['ts', 'js'].map((ext) => `tests/helpers/${match[1]}.${ext}`).find((file) => fs.existsSync(file))!
	);
}

/** Builders that make an organisation of its own (each with a random name and slug). */
const ownOrganisation = /\b(buildOrganisation|buildTrainerWeek)\(/;

describe('the browser tests that run in parallel', () => {
	for (const file of ownOrganisationFiles)
		it(`${file} builds its own organisation and shares nothing`, () => {
			expect(file).toMatch(/^tests\/e2e\/[\w-]+\.test\.ts$/);
			const text = fs.readFileSync(path.resolve(file), 'utf8');
			expect(text, `${file} builds no organisation of its own`).toMatch(ownOrganisation);
			const found = shared.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
			expect(found, `${file} must run one at a time (project e2e)`).toEqual([]);
			// Its helpers may start the app's mail capture and the like, but never use the demo accounts.
			for (const helper of helpersOf(text)) {
				const helperText = fs.readFileSync(path.resolve(helper), 'utf8');
				const used = shared.slice(0, 3).filter(([pattern]) => pattern.test(helperText));
				expect(
					used.map(([, what]) => what),
					`${file} imports ${helper}`
				).toEqual([]);
			}
		});

	it('the check itself finds a file that signs in as a demo account, and a helper that does', () => {
		const text = fs.readFileSync(path.resolve('tests/e2e/goals.test.ts'), 'utf8');
		expect(shared.some(([pattern]) => pattern.test(text))).toBe(true);
		const crossing = fs.readFileSync(path.resolve('tests/e2e/cross-organisation.test.ts'), 'utf8');
		expect(helpersOf(crossing)).toContain('tests/helpers/two-organisations.ts');
		const helper = fs.readFileSync(path.resolve('tests/helpers/two-organisations.ts'), 'utf8');
		expect(shared.slice(0, 3).some(([pattern]) => pattern.test(helper))).toBe(true);
	});
});
