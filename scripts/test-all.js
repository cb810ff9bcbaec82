// `npm test`: every gate in order: types, lint, formatting, migrations, unit + integration tests,
// then browser tests on a fresh build. Stops at the first failure; ends with one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-tests-'));
const counts = { passed: 0, failed: 0, skipped: 0 };

/** @param {string} title @param {string} command @param {string[]} args */
function step(title, command, args) {
	console.log(`\n=== ${title}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		console.error(`\n✗ ${title} failed.`);
		console.log(`${counts.passed} passed, ${counts.failed + 1} failed`);
		process.exit(result.status ?? 1);
	}
}

/** @param {string} title @param {string[]} projects */
function vitest(title, projects) {
	const report = path.join(reports, `${projects.join('-')}.json`);
	const args = ['node_modules/vitest/vitest.mjs', 'run', ...projects.flatMap((p) => ['--project', p])];
	args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
	console.log(`\n=== ${title}`);
	const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
	if (fs.existsSync(report)) {
		const json = JSON.parse(fs.readFileSync(report, 'utf8'));
		counts.passed += json.numPassedTests;
		counts.failed += json.numFailedTests;
		counts.skipped += json.numPendingTests + json.numTodoTests;
	}
	if (result.status !== 0) {
		console.error(`\n✗ ${title} failed.`);
		console.log(`${counts.passed} passed, ${Math.max(counts.failed, 1)} failed`);
		process.exit(result.status ?? 1);
	}
}

step('Type check (svelte-check)', 'npm', ['run', '--silent', 'check']);
step('Lint (eslint)', 'npm', ['run', '--silent', 'lint']);
step('Formatting (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
step('Migrations match the schema', process.execPath, ['scripts/check-migrations.js']);
vitest('Unit and integration tests', ['unit', 'integration']);
vitest('Browser and process tests (Chromium)', ['e2e']);
fs.rmSync(reports, { recursive: true, force: true });
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
