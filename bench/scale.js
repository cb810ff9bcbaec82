// `npm run bench:scale`: the coordinator's pages at 1,000 and 10,000 participants in one organisation.
// Starts one app per size, each on its own fresh embedded PostgreSQL (DATA_DIR in the temp folder),
// seeds one organisation per app (bench/seed-organisation.js), then loads each page with autocannon in
// short alternating rounds (the two apps run at the same time, so a change of the shared machine's
// speed hits both sizes alike). The figure per page is the median over the counted rounds of the mean
// latency, and the ratio the median of the rounds' ratios (largest size / smallest size); beside it the
// CPU time per request of the app and its database, and the same ratio for that.
//   node bench/scale.js [--sizes 1000,10000] [--pages beheer,mensen,logboek] [--rounds 8] [--seconds 2]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildIfNeeded } from '../scripts/build-if-needed.js';
import { embeddedDatabaseUrl, seedOrganisation } from './seed-organisation.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1000,10000' },
		pages: { type: 'string', default: 'beheer,mensen,logboek' },
		rounds: { type: 'string', default: '8' },
		warmup: { type: 'string', default: '2' },
		seconds: { type: 'string', default: '3' },
		connections: { type: 'string', default: '4' }
	}
});
const sizes = values.sizes.split(',').map(Number);
/** @type {Record<string, string>} */
const pagePaths = { beheer: '/beheer', mensen: '/beheer/mensen', logboek: '/beheer/logboek' };
const pages = values.pages.split(',').map((name) => {
	if (!pagePaths[name]) throw new Error(`unknown page ${name}: one of ${Object.keys(pagePaths).join(', ')}`);
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

/** @param {number} size */
async function startApp(size) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `herstelpad-scale-${size}-`));
	fs.chmodSync(dataDir, 0o755);
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const child = spawn(
		process.execPath,
		['--max-semi-space-size=16', '--heap-growing-percent=150', 'scripts/serve.js'],
		{
			cwd: root,
			env: {
				...process.env,
				PORT: String(port),
				ORIGIN: url,
				DATA_DIR: dataDir,
				EMBEDDED_PG_PORT: String(await freePort()),
				LOG_LEVEL: 'warn',
				DEMO: 'off'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	await waitReady(`${url}/readyz`, child);
	return { size, dataDir, url, child, cookie: '' };
}

/** @param {Awaited<ReturnType<typeof startApp>>} app */
async function seed(app) {
	const client = new pg.Client({ connectionString: embeddedDatabaseUrl(app.dataDir) });
	await client.connect();
	const started = performance.now();
	const result = await seedOrganisation(client, { participants: app.size });
	await client.query('analyze');
	await client.end();
	app.cookie = `herstelpad=${result.coordinatorCookie}`;
	return { ...result, seconds: (performance.now() - started) / 1000 };
}

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

/** @param {Awaited<ReturnType<typeof startApp>>} app @param {string} page */
async function measure(app, page) {
	const before = appCpuMs(app);
	const result = await autocannon({
		url: app.url + pagePaths[page],
		headers: { cookie: app.cookie, accept: 'text/html' },
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
		/** @type {Record<string, unknown>} */ (results.seeded)[app.size] = seeded;
		console.error(
			`seeded ${app.size} participants, ${seeded.groups} groups, ${seeded.auditRows} log rows in ${seeded.seconds.toFixed(1)} s`
		);
	}
	/** @type {Record<string, unknown>} */
	const perPage = {};
	for (const page of pages) {
		// One plain request first: its status and size, and a page that fails is reported, not loaded.
		const first = await Promise.all(
			apps.map(async (app) => {
				const t = performance.now();
				const response = await fetch(app.url + pagePaths[page], { headers: { cookie: app.cookie } });
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
			path: pagePaths[page],
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
} finally {
	await Promise.all(
		apps.map(async (app) => {
			app.child.kill('SIGTERM');
			if (app.child.exitCode === null) await new Promise((resolve) => app.child.once('exit', resolve));
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
