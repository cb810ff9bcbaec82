// Lighthouse on the participant's and the trainer's main pages: `npm run bench:lighthouse` (Debian
// chromium; about 5 minutes). Builds the app, starts it on a fresh embedded PostgreSQL with the demo
// (bench/app.js), signs in a participant and a trainer over HTTP and hands Lighthouse their session
// cookie. Each run gets a fresh Chromium (an empty profile: a first visit): Chromium sends the cookie
// of extraHeaders on the first Lighthouse run of an instance only. Then:
// 1. the mobile profile (Lighthouse's default: simulated slow 4G, 4× CPU slowdown), the categories
//    performance, accessibility and best practices, for the participant home, a module step, the
//    check-in and the trainer's "this week" page;
// 2. a slow profile (DevTools throttling: 400 ms per request, 400 Kbps down and up, 4× CPU slowdown)
//    for the participant home, largest contentful paint on a first visit (empty cache) and on a
//    repeat visit right after in the same Chromium (cache and service workers kept:
//    disableStorageReset; the session cookie is in the browser's own cookie jar for these two).
// Options: --skip-build (use the build there is). Writes bench/results/lighthouse.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { Secret, TOTP } from 'otpauth';
import puppeteer from 'puppeteer-core';
import { startApp } from './app.js';

const root = path.resolve(import.meta.dirname, '..');
const DEMO_PASSWORD = 'herstelpad-demo';
// The public key of the demo staff's authenticator (DEMO_TOTP_SECRET in src/lib/server/demo/seed.ts).
const DEMO_TOTP_SECRET = 'HERSTELPADDEMOTOTPKEYVOORIEDEREEN';

if (!process.argv.includes('--skip-build')) {
	const build = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
	if (build.status !== 0) throw new Error('build failed');
}

/** @param {Response} response */
const cookiesOf = (response) =>
	response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.filter((pair) => !pair.endsWith('='))
		.join('; ');

/** Signs in over HTTP (staff with a code of the demo key) and returns the session's Cookie header. */
async function signIn(/** @type {string} */ base, /** @type {string} */ email) {
	const headers = { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
	const first = await fetch(`${base}/inloggen`, {
		method: 'POST',
		redirect: 'manual',
		headers,
		body: new URLSearchParams({ email, password: DEMO_PASSWORD })
	});
	const cookie = cookiesOf(first);
	if (!cookie) throw new Error(`sign-in refused for ${email}: ${first.status}`);
	if (!(first.headers.get('location') ?? '').startsWith('/inloggen/tweede-stap')) return cookie;
	const code = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 }).generate();
	const second = await fetch(`${base}/inloggen/tweede-stap`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...headers, cookie },
		body: new URLSearchParams({ code })
	});
	if (second.status !== 303) throw new Error(`second step refused for ${email}: ${second.status}`);
	return cookie;
}

const app = await startApp('lighthouse');
/** A Chromium with an empty profile of its own. */
const launch = () =>
	chromeLauncher.launch({
		chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync']
	});
/** @type {chromeLauncher.LaunchedChrome | undefined} */
let chrome;
const results = /** @type {Record<string, unknown>} */ ({
	date: new Date().toISOString(),
	node: process.version
});
try {
	const participant = await signIn(app.url, 'deelnemer1@demo.herstelpad.example');
	const trainer = await signIn(app.url, 'trainer@demo.herstelpad.example');
	const trainerHome = await (await fetch(`${app.url}/trainer`, { headers: { cookie: trainer } })).text();
	const group = /\/trainer\/groepen\/([^/"?]+)/.exec(trainerHome)?.[1];
	if (!group) throw new Error('no group on the trainer page');
	const pages = [
		{ name: 'participant home', url: `${app.url}/`, cookie: participant },
		{ name: 'module step', url: `${app.url}/modules/1/01-wat-is-herstel`, cookie: participant },
		{ name: 'check-in', url: `${app.url}/check-in`, cookie: participant },
		{ name: 'trainer: this week', url: `${app.url}/trainer/groepen/${group}/deze-week`, cookie: trainer }
	];

	/**
	 * One Lighthouse run in `browser`. Refuses a page that did not come (a redirect to the sign-in
	 * page, an error). Without `cookie`, the browser's own cookie jar has the session.
	 * @param {chromeLauncher.LaunchedChrome} browser @param {string} url @param {string | null} cookie
	 * @param {import('lighthouse').Flags} [flags]
	 */
	async function run(browser, url, cookie, flags = {}) {
		const result = await lighthouse(url, {
			port: browser.port,
			output: 'json',
			logLevel: 'error',
			...(cookie ? { extraHeaders: { cookie } } : {}),
			onlyCategories: ['performance', 'accessibility', 'best-practices'],
			...flags
		});
		if (!result) throw new Error(`no Lighthouse result for ${url}`);
		const { lhr } = result;
		if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
		if (lhr.finalDisplayedUrl !== url) throw new Error(`${url} ended at ${lhr.finalDisplayedUrl}`);
		return lhr;
	}
	/** @param {import('lighthouse').Result} lhr */
	const failing = (lhr) =>
		Object.values(lhr.categories).flatMap((category) =>
			category.auditRefs
				.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 0.9)
				.map(
					(ref) =>
						`${category.id}: ${ref.id} (${lhr.audits[ref.id].displayValue ?? lhr.audits[ref.id].score})`
				)
		);

	// 1. Mobile profile.
	const mobile = [];
	for (const page of pages) {
		chrome = await launch();
		const lhr = await run(chrome, page.url, page.cookie);
		chrome.kill();
		const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
		mobile.push({
			page: page.name,
			performance: score('performance'),
			accessibility: score('accessibility'),
			bestPractices: score('best-practices'),
			lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue ?? 0),
			tbtMs: Math.round(lhr.audits['total-blocking-time'].numericValue ?? 0),
			cls: Math.round((lhr.audits['cumulative-layout-shift'].numericValue ?? 0) * 1000) / 1000,
			below90: failing(lhr)
		});
	}
	results.mobile = mobile;

	// 2. Slow profile, the participant home: a first visit, then a repeat visit with what the first left.
	const slow = /** @type {import('lighthouse').Flags} */ ({
		throttlingMethod: 'devtools',
		throttling: {
			requestLatencyMs: 400,
			downloadThroughputKbps: 400,
			uploadThroughputKbps: 400,
			cpuSlowdownMultiplier: 4,
			rttMs: 400,
			throughputKbps: 400
		},
		onlyCategories: ['performance']
	});
	const home = pages[0];
	chrome = await launch();
	const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
	for (const pair of home.cookie.split('; ')) {
		const [name, value] = pair.split('=');
		await browser.setCookie({ name, value, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' });
	}
	await browser.disconnect();
	const first = await run(chrome, home.url, null, { ...slow, disableStorageReset: true });
	const repeat = await run(chrome, home.url, null, { ...slow, disableStorageReset: true });
	const lcp = (/** @type {import('lighthouse').Result} */ lhr) =>
		Math.round(lhr.audits['largest-contentful-paint'].numericValue ?? 0);
	results.slowHome = {
		firstVisitLcpMs: lcp(first),
		repeatVisitLcpMs: lcp(repeat),
		firstVisitKb: Math.round((first.audits['total-byte-weight'].numericValue ?? 0) / 102.4) / 10,
		repeatVisitKb: Math.round((repeat.audits['total-byte-weight'].numericValue ?? 0) / 102.4) / 10
	};
} finally {
	chrome?.kill();
	app.child.kill('SIGTERM');
	await new Promise((resolve) => app.child.once('exit', resolve));
	fs.rmSync(app.dataDir, { recursive: true, force: true });
}

fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'lighthouse.json'), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
