// `npm test`: every gate: types, lint, formatting and migrations (at the same time), unit + integration
// tests, then the browser tests on a fresh build: the files that share the demo organisation one at a
// time, in two halves at once, each with its own app (project e2e), then those with an organisation of
// their own, two at a time (project e2e-own; scripts/e2e-sets.js). Stops after the first phase that
// failed; ends with one summary line, and each phase's time.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.js';
import { setUpTestRunDir } from '../tests/helpers/run-dir.js';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-tests-'));
// One run directory for every vitest run below (in the environment they inherit): the two halves of the
// browser tests run at the same time, and the ports their processes are given are claimed there.
const removeRunDir = setUpTestRunDir();
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
	removeRunDir();
	process.exit(status || 1);
}

/**
 * @param {string[]} projects @param {string[]} [files] only these files
 * @param {string} [shard] a vitest shard ("1/2"): that part of the projects' files
 */
function vitestArgs(projects, files = [], shard) {
	const part = shard ? `shard${shard.replace('/', 'of')}` : files.length ? 'some' : 'all';
	const report = path.join(reports, `${[...projects, part].join('-')}.json`);
	const args = [
		'node_modules/vitest/vitest.mjs',
		'run',
		...projects.flatMap((p) => ['--project', p]),
		...(shard ? [`--shard=${shard}`] : []),
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
 * Runs `command` as a child process with its output in a file of its own, printed under `title` once
 * it ends (so that runs at the same time do not mix their lines). Resolves to its exit status.
 * @param {string} title @param {string} command @param {string[]} args
 */
function alongside(title, command, args) {
	const log = path.join(reports, `${title.replace(/\W+/g, '-')}.log`);
	const out = fs.openSync(log, 'w');
	const since = Date.now();
	const child = spawn(command, args, { stdio: ['ignore', out, out], env: process.env });
	return new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			fs.closeSync(out);
			timed(title, since);
			console.log(`\n=== ${title}\n${fs.readFileSync(log, 'utf8')}`);
			resolve(code ?? (signal ? 1 : 0));
		})
	);
}

/**
 * Runs the steps at the same time, each as `alongside`; stops (after all ended) when one failed.
 * @param {[string, string, string[]][]} steps title, command, arguments
 */
async function together(steps) {
	const statuses = await Promise.all(steps.map(([title, command, args]) => alongside(title, command, args)));
	const failed = statuses.findIndex((status) => status !== 0);
	if (failed >= 0) fail(steps[failed]?.[0] ?? 'a step', statuses[failed] ?? 1);
}

/**
 * Vitest with `projects` (or a shard of their files) as a child process beside others; counts its
 * results. Resolves to its exit status.
 * @param {string} title @param {string[]} projects @param {string} [shard]
 */
async function vitestAlongside(title, projects, shard) {
	const { args, report } = vitestArgs(projects, [], shard);
	const status = await alongside(title, process.execPath, args);
	count(report);
	return status;
}

// The generated files first (the messages, SvelteKit's types and tsconfig), then the static checks at the
// same time (each mostly one process on one core), none of them writing what another reads.
console.log('\n=== Messages and SvelteKit types (paraglide, svelte-kit sync)');
const prepared = spawnSync('sh', ['-c', 'npm run --silent i18n && npx svelte-kit sync'], {
	stdio: 'inherit',
	env: process.env
});
if (prepared.status !== 0) fail('Messages and SvelteKit types', prepared.status);
await together([
	[
		'Type check (svelte-check, the service worker with tsc)',
		'sh',
		['-c', 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings && npx tsc -p tsconfig.sw.json']
	],
	['Lint (eslint)', 'npm', ['run', '--silent', 'lint']],
	[
		'Formatting (prettier) and migrations',
		'sh',
		['-c', 'npx prettier --check . --log-level warn && node scripts/check-migrations.js']
	]
]);
vitest('Unit and integration tests', ['unit', 'integration']);

console.log('\n=== Build (for the browser tests)');
let since = Date.now();
// Once, before both browser runs (each run's global setup would otherwise build at the same time).
if (!buildIfNeeded()) fail('Build', 1);
timed('Build', since);
// The unit run above had no build yet (a fresh clone) and skipped the pages' JavaScript limit.
vitest('JavaScript per participant page (≤ 45 KB gzip)', ['unit'], ['scripts/client-js.test.ts']);

// The demo organisation's files in two halves at the same time (vitest shards, each run starts an app
// and a demo organisation of its own in its global setup), one file at a time in each; then the files
// with an organisation of their own, two at a time, on an app of their own.
const title = 'Browser and process tests (Chromium)';
since = Date.now();
const halves = await Promise.all(
	['1/2', '2/2'].map((shard) => vitestAlongside(`Browser tests, e2e part ${shard}`, ['e2e'], shard))
);
const own = await vitestAlongside('Browser tests, e2e-own (two at a time)', ['e2e-own']);
timed(title, since);
const failed = [...halves, own].find((status) => status !== 0);
if (failed !== undefined) fail(title, failed);
fs.rmSync(reports, { recursive: true, force: true });
removeRunDir();
timed('Total', started);
console.log(`\n${times.join('; ')}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
