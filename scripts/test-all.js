// `npm test`: every gate in order: types, lint, formatting, migrations, unit + integration tests,
// then the browser tests on a fresh build: the files that share the demo organisation one at a time
// (project e2e) and, at the same time, those with an organisation of their own in parallel on an app
// of their own (project e2e-own; scripts/e2e-sets.js). Stops at the first failure; ends with one
// summary line, and each phase's time.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.js';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-tests-'));
const counts = { passed: 0, failed: 0, skipped: 0 };
/** Each phase's seconds, printed at the end (and on a failure). */
const times = /** @type {string[]} */ ([]);
const started = Date.now();

/** @param {string} title @param {number} since */
function timed(title, since) {
	times.push(`${title}: ${Math.round((Date.now() - since) / 1000)} s`);
}

/** @param {string} title @param {number | null} status */
function fail(title, status) {
	console.error(`\n✗ ${title} failed.`);
	console.log(`${times.join('; ')}`);
	console.log(`${counts.passed} passed, ${Math.max(counts.failed, 1)} failed`);
	process.exit(status || 1);
}

/** @param {string} title @param {string} command @param {string[]} args */
function step(title, command, args) {
	console.log(`\n=== ${title}`);
	const since = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	timed(title, since);
	if (result.status !== 0) fail(title, result.status);
}

/** @param {string[]} projects @param {string[]} [files] only these files */
function vitestArgs(projects, files = []) {
	const report = path.join(reports, `${[...projects, files.length ? 'some' : 'all'].join('-')}.json`);
	const args = [
		'node_modules/vitest/vitest.mjs',
		'run',
		...projects.flatMap((p) => ['--project', p]),
		...files
	];
	args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`);
	return { args, report };
}

/** Adds a vitest run's results to the counts. @param {string} report */
function count(report) {
	if (!fs.existsSync(report)) return;
	const json = JSON.parse(fs.readFileSync(report, 'utf8'));
	counts.passed += json.numPassedTests;
	counts.failed += json.numFailedTests;
	counts.skipped += json.numPendingTests + json.numTodoTests;
}

/** @param {string} title @param {string[]} projects @param {string[]} [files] only these files */
function vitest(title, projects, files) {
	const { args, report } = vitestArgs(projects, files);
	console.log(`\n=== ${title}`);
	const since = Date.now();
	const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
	timed(title, since);
	count(report);
	if (result.status !== 0) fail(title, result.status);
}

/**
 * Runs vitest with `projects` as a child process; its output goes to the console, or into `log` (to
 * print once it ends, so that two runs at once do not mix their lines). Resolves to its exit status.
 * @param {string[]} projects @param {string} [log]
 */
function vitestAlongside(projects, log) {
	const { args, report } = vitestArgs(projects);
	const out = log ? fs.openSync(log, 'w') : 'inherit';
	const child = spawn(process.execPath, args, { stdio: ['ignore', out, out], env: process.env });
	return new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			if (typeof out === 'number') fs.closeSync(out);
			count(report);
			resolve(code ?? (signal ? 1 : 0));
		})
	);
}

step('Type check (svelte-check)', 'npm', ['run', '--silent', 'check']);
step('Lint (eslint)', 'npm', ['run', '--silent', 'lint']);
step('Formatting (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
step('Migrations match the schema', process.execPath, ['scripts/check-migrations.js']);
vitest('Unit and integration tests', ['unit', 'integration']);

console.log('\n=== Build (for the browser tests)');
let since = Date.now();
// Once, before both browser runs (each run's global setup would otherwise build at the same time).
if (!buildIfNeeded()) fail('Build', 1);
timed('Build', since);
// The unit run above had no build yet (a fresh clone) and skipped the pages' JavaScript limit.
vitest('JavaScript per participant page (≤ 45 KB gzip)', ['unit'], ['scripts/client-js.test.ts']);

// The demo organisation's files one at a time, then the files with an organisation of their own two
// at a time, each run with its own app. Not both at once: on 2 cores the extra load made races in the
// demo files' flows surface (three CI runs, three different failures, 2026-12-04).
const title = 'Browser and process tests (Chromium)';
console.log(`\n=== ${title}: the demo organisation's files one at a time (e2e)`);
since = Date.now();
const shared = await vitestAlongside(['e2e']);
timed('Browser tests, e2e (one at a time)', since);
const ownSince = Date.now();
console.log(`\n=== ${title}: the files with an organisation of their own (e2e-own, two at a time)`);
const own = await vitestAlongside(['e2e-own']);
timed('Browser tests, e2e-own (two at a time)', ownSince);
timed(title, since);
if (shared !== 0 || own !== 0) fail(title, shared || own);
fs.rmSync(reports, { recursive: true, force: true });
timed('Total', started);
console.log(`\n${times.join('; ')}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
