// `npm run bench:scale`: the pages issue 22 measures at 1,000, 10,000 and 100,000 participants in one
// organisation with a course year of data (bench/seed-organisation.js: check-ins, goals, progress,
// messages and about 100 access-log rows per participant). Starts one app per size, each on its own
// fresh embedded PostgreSQL (DATA_DIR in the temp folder), seeds one organisation per app, restarts it
// (so it imports the starter curriculum, as at a first start) and adds the course progress, then loads
// each page with autocannon in short alternating rounds (the apps run at the same time, so a change of
// the shared machine's speed hits all sizes alike). The figure per page is the median over the counted
// rounds of the mean latency, and the ratio the median of the rounds' ratios (largest size / smallest
// size); beside it the CPU time per request of the app and its database, and the same ratio for that. A
// sign-in is measured one at a time (a password, argon2id), over forty accounts in turn. At the end,
// each app's resident memory (RSS) now and at its peak.
//   node bench/scale.js [--sizes 1000,10000,100000] [--pages trainer,week,...] [--rounds 6] [--seconds 3]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { BENCH_PASSWORD, embeddedDatabaseUrl, seedOrganisation, seedProgress } from './seed-organisation.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1000,10000,100000' },
		pages: {
			type: 'string',
			default: 'trainer,week,beheer,mensen,zoeken,logboek,filters,home,eigen-logboek,inloggen'
		},
		rounds: { type: 'string', default: '6' },
		warmup: { type: 'string', default: '2' },
		seconds: { type: 'string', default: '3' },
		connections: { type: 'string', default: '4' }
	}
});
const sizes = values.sizes.split(',').map(Number);
const monthsAgo = (/** @type {number} */ months) =>
	new Date(Date.now() - months * 30 * 86_400_000).toISOString().slice(0, 10);
/**
 * Each page: who loads it and its address in an organisation (`app.seeded`). `inloggen` is the sign-in
 * form sent with a password.
 * @type {Record<string, { who: 'coordinator' | 'trainer' | 'participant', path: (app: App) => string }>}
 */
const pageSpecs = {
	trainer: { who: 'trainer', path: () => '/trainer' },
	week: { who: 'trainer', path: (app) => `/trainer/groepen/${app.seeded.groupId}/deze-week` },
	beheer: { who: 'coordinator', path: () => '/beheer' },
	mensen: { who: 'coordinator', path: () => '/beheer/mensen' },
	zoeken: { who: 'coordinator', path: () => '/beheer/mensen?zoek=anna+jansen&status=actief&rol=deelnemer' },
	logboek: { who: 'coordinator', path: () => '/beheer/logboek' },
	filters: {
		who: 'coordinator',
		path: () => `/beheer/logboek?van=${monthsAgo(3)}&tot=${monthsAgo(0)}&actie=R`
	},
	home: { who: 'participant', path: () => '/' },
	'eigen-logboek': { who: 'participant', path: () => '/logboek' },
	inloggen: { who: 'participant', path: () => '/inloggen' }
};
const pages = values.pages.split(',').map((name) => {
	if (!pageSpecs[name]) throw new Error(`unknown page ${name}: one of ${Object.keys(pageSpecs).join(', ')}`);
	return name;
});

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** @param {string} url @param {import('node:child_process').ChildProcess} child */
async function waitReady(url, child, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the app for ${url} exited (${child.exitCode})`);
		if (
			await fetch(url).then(
				(r) => r.ok,
				() => false
			)
		)
			return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${url} not ready`);
}

/**
 * @typedef {{ size: number, dataDir: string, url: string, port: number, pgPort: number,
 *   child: import('node:child_process').ChildProcess, seeded: Awaited<ReturnType<typeof seedOrganisation>> }} App
 */

/** Starts (or starts again) the app of one size on its data directory. @param {App} app */
async function run(app) {
	app.child = spawn(
		process.execPath,
		['--max-semi-space-size=16', '--heap-growing-percent=150', 'scripts/serve.js'],
		{
			cwd: root,
			env: {
				...process.env,
				PORT: String(app.port),
				ORIGIN: app.url,
				DATA_DIR: app.dataDir,
				EMBEDDED_PG_PORT: String(app.pgPort),
				// Every sign-in of the benchmark comes from this machine's address.
				SIGN_IN_LIMIT_PER_IP: '100000',
				LOG_LEVEL: 'warn',
				DEMO: 'off'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	await waitReady(`${app.url}/readyz`, app.child);
}

/** @param {App} app */
async function stop(app) {
	if (app.child.exitCode !== null) return;
	const exited = new Promise((resolve) => app.child.once('exit', resolve));
	app.child.kill('SIGTERM');
	await exited;
}

/** @param {number} size @returns {Promise<App>} */
async function startApp(size) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `herstelpad-scale-${size}-`));
	fs.chmodSync(dataDir, 0o755);
	const port = await freePort();
	const app = /** @type {App} */ ({
		size,
		dataDir,
		port,
		pgPort: await freePort(),
		url: `http://localhost:${port}`
	});
	await run(app);
	return app;
}

/** Seeds the organisation, restarts the app (which imports its curriculum) and adds progress. @param {App} app */
async function seed(app) {
	const database = () => new pg.Client({ connectionString: embeddedDatabaseUrl(app.dataDir) });
	let client = database();
	await client.connect();
	const started = performance.now();
	app.seeded = await seedOrganisation(client, { participants: app.size });
	await client.end();
	await stop(app);
	await run(app);
	client = database();
	await client.connect();
	const progressRows = await seedProgress(client, app.seeded.organisationId);
	await client.query('analyze');
	const {
		rows: [counts]
	} = await client.query(
		`select (select count(*) from audit_event)::int as log, (select count(*) from check_in)::int as check_ins,
		        (select count(*) from recovery_goal)::int as goals, (select count(*) from message)::int as messages,
		        pg_database_size(current_database()) / 1048576 as mb`
	);
	await client.end();
	return { ...counts, progressRows, seconds: (performance.now() - started) / 1000 };
}

/** @param {App} app @param {string} page */
const cookieOf = (app, page) => {
	const who = pageSpecs[page].who;
	return `herstelpad=${who === 'coordinator' ? app.seeded.coordinatorCookie : who === 'trainer' ? app.seeded.trainerCookie : app.seeded.participantCookie}`;
};

/** @param {number} pid @returns {number} CPU milliseconds (user + system) the process has used */
function cpuMs(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return 0; // the process ended
	}
}

/**
 * CPU used so far by the app and by its PostgreSQL (the postmaster and every backend it forked): on a
 * busy shared machine the CPU time per request is steadier than the latency.
 * @param {Awaited<ReturnType<typeof startApp>>} app
 */
function appCpuMs(app) {
	const postmaster = Number(
		fs.readFileSync(path.join(app.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]
	);
	let total = cpuMs(/** @type {number} */ (app.child.pid)) + cpuMs(postmaster);
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
			if (parent === postmaster) total += cpuMs(Number(entry));
		} catch {
			// gone meanwhile
		}
	}
	return total;
}

let signIns = 0;
/**
 * Sign-ins with a password, one after the other, each account in turn: the mean time of one.
 * @param {App} app
 */
async function measureSignIn(app) {
	const before = appCpuMs(app);
	const emails = app.seeded.passwordEmails;
	const count = Math.min(emails.length, 20);
	let total = 0;
	let failed = 0;
	for (let index = 0; index < count; index++) {
		const email = emails[signIns++ % emails.length];
		const started = performance.now();
		const response = await fetch(`${app.url}/inloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email, password: BENCH_PASSWORD })
		});
		await response.arrayBuffer();
		total += performance.now() - started;
		if (response.status !== 303) failed++;
	}
	return {
		latencyMs: total / count,
		rps: 1000 / (total / count),
		cpuMsPerRequest: (appCpuMs(app) - before) / count,
		failed
	};
}

/** @param {App} app @param {string} page */
async function measure(app, page) {
	if (page === 'inloggen') return measureSignIn(app);
	const before = appCpuMs(app);
	const result = await autocannon({
		url: app.url + pageSpecs[page].path(app),
		headers: { cookie: cookieOf(app, page), accept: 'text/html' },
		connections: Number(values.connections),
		duration: Number(values.seconds)
	});
	return {
		latencyMs: result.latency.mean,
		rps: result.requests.total / result.duration,
		cpuMsPerRequest: (appCpuMs(app) - before) / Math.max(1, result.requests.total),
		failed: result.non2xx + result.errors
	};
}

/**
 * Access-log inserts as the app makes them (one row, its own transaction, chained by the trigger):
 * the mean time of one over `count`, written straight to the app's database.
 * @param {App} app
 */
async function measureLogInserts(app, count = 500) {
	const client = new pg.Client({ connectionString: embeddedDatabaseUrl(app.dataDir) });
	await client.connect();
	const started = performance.now();
	for (let index = 0; index < count; index++)
		await client.query(
			`insert into audit_event (event_type, action, outcome, actor_role, organisation_id, object_type)
			 values ('check_in.read', 'R', 'success', 'trainer', $1, 'bench')`,
			[app.seeded.organisationId]
		);
	const ms = (performance.now() - started) / count;
	await client.end();
	return ms;
}

/** Resident memory of the app's process now and at its peak, in MB. @param {App} app */
function memoryOf(app) {
	const status = fs.readFileSync(`/proc/${app.child.pid}/status`, 'utf8');
	const kb = (/** @type {string} */ field) =>
		Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** @param {number[]} list */
function median(list) {
	const sorted = [...list].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const started = performance.now();
if (!buildIfNeeded()) process.exit(1);
const apps = await Promise.all(sizes.map(startApp));
/** @type {Record<string, unknown>} */
const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, seeded: {} };
try {
	for (const app of apps) {
		const seeded = await seed(app);
		/** @type {Record<string, unknown>} */ (results.seeded)[app.size] = {
			groups: app.seeded.groups,
			...seeded
		};
		console.error(`seeded ${app.size} participants: ${JSON.stringify(seeded)}`);
	}
	/** @type {Record<string, unknown>} */
	const perPage = {};
	for (const page of pages) {
		// One plain request first: its status and size, and a page that fails is reported, not loaded.
		const first = await Promise.all(
			apps.map(async (app) => {
				const t = performance.now();
				const response = await fetch(app.url + pageSpecs[page].path(app), {
					headers: { cookie: page === 'inloggen' ? '' : cookieOf(app, page) }
				});
				const body = await response.arrayBuffer();
				return { status: response.status, kb: body.byteLength / 1024, firstMs: performance.now() - t };
			})
		);
		/** @type {{ latencyMs: number, rps: number, cpuMsPerRequest: number, failed: number }[][]} */
		const rounds = [];
		if (first.every((row) => row.status === 200)) {
			const warmup = Number(values.warmup);
			for (let round = 0; round < warmup + Number(values.rounds); round++) {
				// Alternate which size goes first: the second of a pair tends to come out a little behind.
				const order = round % 2 === 0 ? apps : [...apps].reverse();
				/** @type {Map<number, { latencyMs: number, rps: number, cpuMsPerRequest: number, failed: number }>} */
				const byApp = new Map();
				for (const app of order) byApp.set(app.size, await measure(app, page));
				if (round >= warmup) rounds.push(apps.map((app) => /** @type {any} */ (byApp.get(app.size))));
			}
		}
		const smallest = 0;
		const largest = apps.length - 1;
		perPage[page] = {
			path: pageSpecs[page].path(apps[0]),
			sizes: apps.map((app, index) => ({
				participants: app.size,
				...first[index],
				latencyMs: rounds.length ? median(rounds.map((r) => r[index].latencyMs)) : null,
				rps: rounds.length ? median(rounds.map((r) => r[index].rps)) : null,
				cpuMsPerRequest: rounds.length ? median(rounds.map((r) => r[index].cpuMsPerRequest)) : null,
				failed: rounds.reduce((sum, r) => sum + r[index].failed, 0)
			})),
			latencyRatio: rounds.length
				? median(rounds.map((r) => r[largest].latencyMs / r[smallest].latencyMs))
				: null,
			cpuRatio: rounds.length
				? median(rounds.map((r) => r[largest].cpuMsPerRequest / r[smallest].cpuMsPerRequest))
				: null,
			latencyRatioRuns: rounds.map(
				(r) => Math.round((r[largest].latencyMs / r[smallest].latencyMs) * 100) / 100
			)
		};
		console.error(`${page}: ${JSON.stringify(perPage[page])}`);
	}
	results.pages = perPage;
	results.memory = Object.fromEntries(apps.map((app) => [app.size, memoryOf(app)]));
	/** @type {Record<number, number>} */
	const inserts = {};
	for (const app of apps) inserts[app.size] = await measureLogInserts(app);
	results.accessLogInsertMs = inserts;
	console.error(`access-log insert: ${JSON.stringify(inserts)}`);
} finally {
	await Promise.all(
		apps.map(async (app) => {
			await stop(app);
			fs.rmSync(app.dataDir, { recursive: true, force: true });
		})
	);
}
results.totalSeconds = (performance.now() - started) / 1000;
const rounded = JSON.parse(
	JSON.stringify(results, (_key, value) =>
		typeof value === 'number' ? Math.round(value * 100) / 100 : value
	)
);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'scale.json'), JSON.stringify(rounded, null, 2));
console.log(JSON.stringify(rounded, null, 2));
