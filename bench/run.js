// Benchmarks for BENCHMARKS.md. Usage: `npm run bench` (needs Debian chromium; takes about 4 minutes).
// Measures: build time, first and warm start time, client JS per page (KB gzip; from the build for the
// participant pages, and as Chromium loads some of them), requests/s of the
// signed-in participant home against an empty SvelteKit page in the same run, and RSS growth.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { TARGET_KB, clientJs, participantPages } from '../scripts/client-js.js';

const root = path.resolve(import.meta.dirname, '..');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const results = /** @type {Record<string, unknown>} */ ({
	date: new Date().toISOString(),
	node: process.version,
	cpus: os.cpus().length
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

/** @param {string} url @param {number} [timeoutMs] */
async function waitReady(url, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const ok = await fetch(url).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${url} not ready`);
}

/** @param {string[]} args @param {string} cwd */
function timedBuild(args, cwd) {
	const started = performance.now();
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', ...args], {
		cwd,
		stdio: 'inherit'
	});
	if (result.status !== 0) throw new Error(`build failed in ${cwd}`);
	return (performance.now() - started) / 1000;
}

/** @param {string} script @param {Record<string, string>} env */
function startProcess(script, env) {
	const child = spawn(process.execPath, ['--max-semi-space-size=16', '--heap-growing-percent=150', script], {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return child;
}

/** @param {import('node:child_process').ChildProcess} child */
async function stop(child) {
	child.kill('SIGTERM');
	await new Promise((resolve) => child.once('exit', resolve));
}

/** @param {number} pid @returns {number} resident set size in MB */
function rssMb(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** @param {{ url: string, headers?: Record<string, string>, duration?: number, amount?: number }} options */
async function load(options) {
	const result = await autocannon({ connections: 50, ...options });
	if (result.non2xx > 0 || result.errors > 0)
		throw new Error(`${options.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
	return result;
}

// 1. Builds.
fs.rmSync(path.join(root, 'build'), { recursive: true, force: true });
results.buildSeconds = timedBuild([], root);
const emptyDir = path.join(root, 'bench', 'empty-kit');
timedBuild([], emptyDir);

// 1b. Client JavaScript per participant page from the build (what the page's preload links name, gzip;
// code loaded with import() when used is not counted), against the budget (scripts/client-js.js).
const pageJs = /** @type {NonNullable<ReturnType<typeof clientJs>>} */ (clientJs(root));
results.jsKbTarget = TARGET_KB;
results.jsKbFromBuild = Object.fromEntries(
	Object.entries(participantPages).map(([name, route]) => [name, Math.round(pageJs(route).kb * 100) / 100])
);

// 2. Start times: first start (initdb, migrations, demo data) and a warm start on the same data.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-bench-'));
fs.chmodSync(dataDir, 0o755);
const port = await freePort();
const appUrl = `http://localhost:${port}`;
const appEnv = {
	PORT: String(port),
	ORIGIN: appUrl,
	DATA_DIR: dataDir,
	LOG_LEVEL: 'warn',
	DEMO: 'on',
	DEMO_HISTORY: 'off'
};
let started = performance.now();
let app = startProcess('scripts/serve.js', appEnv);
await waitReady(`${appUrl}/readyz`);
results.firstStartSeconds = (performance.now() - started) / 1000;
await stop(app);
started = performance.now();
app = startProcess('scripts/serve.js', appEnv);
await waitReady(`${appUrl}/readyz`);
results.warmStartSeconds = (performance.now() - started) / 1000;

const emptyPort = await freePort();
const emptyUrl = `http://localhost:${emptyPort}/`;
const empty = spawn(process.execPath, ['build/index.js'], {
	cwd: emptyDir,
	env: { ...process.env, PORT: String(emptyPort) },
	stdio: 'ignore'
});
await waitReady(emptyUrl);

// 3. Client JavaScript per page, gzip, as a browser loads it.
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
});
/** @param {import('playwright-core').Page} page @param {string} url */
async function scriptKb(page, url) {
	/** @type {Promise<number>[]} */
	const sizes = [];
	const listener = (/** @type {import('playwright-core').Response} */ response) => {
		if (response.request().resourceType() === 'script')
			sizes.push(response.body().then((body) => gzipSync(body).length));
	};
	page.on('response', listener);
	await page.goto(url, { waitUntil: 'networkidle' });
	page.off('response', listener);
	return (await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024;
}
const context = await browser.newContext();
const page = await context.newPage();
results.jsKbEmptyKit = await scriptKb(page, emptyUrl);
results.jsKbSignIn = await scriptKb(page, `${appUrl}/inloggen`);
await page.fill('#email', 'deelnemer1@demo.herstelpad.example');
await page.fill('#password', 'herstelpad-demo');
await Promise.all([page.waitForURL(`${appUrl}/`), page.click('main button[type=submit]')]);
await context.clearCookies({ name: 'PARAGLIDE_LOCALE' });
const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
results.jsKbParticipantHome = await scriptKb(await context.newPage(), `${appUrl}/`);

/**
 * Bytes a page costs as the browser loads it (until the network is idle): its scripts gzipped (as
 * above), and everything the server sent (HTML, CSS, JS, captions, the part of a video a player
 * fetches for its first frame), in KB as sent (the app does not compress; a proxy may).
 * @param {import('playwright-core').Page} page @param {string} url
 */
async function pageBytes(page, url) {
	/** @type {Promise<{ script: boolean, raw: number, gzip: number }>[]} */
	const sizes = [];
	const listener = (/** @type {import('playwright-core').Response} */ response) => {
		sizes.push(
			response.body().then(
				(body) => ({
					script: response.request().resourceType() === 'script',
					raw: body.length,
					gzip: gzipSync(body).length
				}),
				() => ({ script: false, raw: 0, gzip: 0 })
			)
		);
	};
	page.on('response', listener);
	await page.goto(url, { waitUntil: 'networkidle' });
	page.off('response', listener);
	const all = await Promise.all(sizes);
	return {
		jsKb: all.filter((s) => s.script).reduce((sum, s) => sum + s.gzip, 0) / 1024,
		totalKb: all.reduce((sum, s) => sum + s.raw, 0) / 1024
	};
}
const step = await pageBytes(await context.newPage(), `${appUrl}/modules/1/01-wat-is-herstel`);
results.jsKbModuleStep = step.jsKb;
results.totalKbModuleStep = step.totalKb;
const videoPage = await pageBytes(await context.newPage(), `${appUrl}/modules/1/02-het-verhaal-van-sam`);
results.jsKbVideoPage = videoPage.jsKb;
results.totalKbVideoPage = videoPage.totalKb;
await browser.close();

// 4. Requests per second, 50 connections. The machine is shared: the host takes 5–20 % of the CPU and its
// speed changes from one second to the next, so the two pages are measured in short turns, close together:
// 25 rounds of 2 s per page, of which the first 5 warm up (V8 compiles the code of a server that runs for
// days; they also keep either server from sitting idle before the first counted round), and the ratio is
// the median of the 20 counted rounds' ratios. The page measured second in a round comes out a few
// percent behind, so the order alternates (empty page first in even rounds, home first in odd ones). CPU
// time per request (from /proc) is reported too.
const homeHeaders = { cookie, accept: 'text/html' };
/** @param {number[]} values */
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
/** @param {number} pid @returns {number} CPU milliseconds (user + system) used so far */
function cpuMs(pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
/** @param {{ url: string, headers?: Record<string, string> }} target @param {number} pid */
async function measured(target, pid) {
	const before = cpuMs(pid);
	const result = await load({ ...target, duration: 2 });
	return {
		rps: result.requests.total / result.duration,
		cpuMsPerRequest: (cpuMs(pid) - before) / result.requests.total
	};
}
const rounds = [];
const measureEmpty = () => measured({ url: emptyUrl }, /** @type {number} */ (empty.pid));
const measureHome = () =>
	measured({ url: `${appUrl}/`, headers: homeHeaders }, /** @type {number} */ (app.pid));
// The first 5 rounds are the warm-up and not counted.
for (let round = 0; round < 25; round++) {
	const [emptyRound, homeRound] =
		round % 2 === 0
			? [await measureEmpty(), await measureHome()]
			: await measureHome().then(async (home) => [await measureEmpty(), home]);
	if (round >= 5) rounds.push({ empty: emptyRound, home: homeRound, ratio: homeRound.rps / emptyRound.rps });
}
results.rpsEmptyKitRuns = rounds.map((r) => Math.round(r.empty.rps));
results.rpsParticipantHomeRuns = rounds.map((r) => Math.round(r.home.rps));
results.rpsEmptyKit = median(rounds.map((r) => r.empty.rps));
results.rpsParticipantHome = median(rounds.map((r) => r.home.rps));
results.rpsRatioRuns = rounds.map((r) => Math.round(r.ratio * 100) / 100);
results.rpsRatio = median(rounds.map((r) => r.ratio));
results.cpuMsPerRequestEmptyKit = median(rounds.map((r) => r.empty.cpuMsPerRequest));
results.cpuMsPerRequestParticipantHome = median(rounds.map((r) => r.home.cpuMsPerRequest));

// 5. Memory: RSS after 10,000 and after 20,000 more signed-in requests.
await load({ url: `${appUrl}/`, headers: homeHeaders, amount: 10_000 });
results.rssAfter10kMb = rssMb(/** @type {number} */ (app.pid));
await load({ url: `${appUrl}/`, headers: homeHeaders, amount: 10_000 });
results.rssAfter20kMb = rssMb(/** @type {number} */ (app.pid));
results.rssGrowthPercent =
	(100 * /** @type {number} */ (results.rssAfter20kMb - /** @type {number} */ (results.rssAfter10kMb))) /
	/** @type {number} */ (results.rssAfter10kMb);

await stop(app);
empty.kill('SIGTERM');
fs.rmSync(dataDir, { recursive: true, force: true });

const fixed = Object.fromEntries(
	Object.entries(results).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v])
);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), JSON.stringify(fixed, null, 2));
console.log(JSON.stringify(fixed, null, 2));
