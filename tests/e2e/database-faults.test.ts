/**
 * The process survives its database (issue 24, items 5, 6 and 8): the database is killed under
 * concurrent writes — the embedded PostgreSQL with kill -9 of its postmaster, a PostgreSQL server
 * (DATABASE_URL) with pg_terminate_backend of the app's connections — and the app lives, answers
 * 503 with Retry-After (never a 500, a 401 or a sign-in page), says so on /readyz, comes back by
 * itself, and every write it acknowledged is stored exactly once. A signed-in person's form sent
 * meanwhile is kept and filled in again once the database is back.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../setup/database';
import { spawnApp, stopApp, waitFor, type AppProcess } from '../helpers/app';
import { signInOverHttp } from '../helpers/sign-in';

const apps: AppProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const app of apps) await stopApp(app);
	for (const cleanup of cleanups) await cleanup();
	for (const app of apps) await fs.rm(app.dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<AppProcess> {
	const app = await spawnApp({ LOG_LEVEL: 'info', ...env });
	apps.push(app);
	return app;
}

const form = (app: AppProcess, cookie: string, extra: Record<string, string> = {}) => ({
	origin: app.url,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded',
	cookie,
	...extra
});

/** Posts a message as the participant; the outcome as the client sees it. */
async function postMessage(app: AppProcess, cookie: string, text: string): Promise<Response> {
	return fetch(`${app.url}/berichten`, {
		method: 'POST',
		redirect: 'manual',
		headers: form(app, cookie),
		body: new URLSearchParams({ bericht: text })
	});
}

/**
 * Writers that post messages until stopped: each text is acknowledged (303 to the thread) or
 * refused as unavailable (503 with Retry-After); anything else is kept to fail the test.
 */
function startWriters(app: AppProcess, cookie: string, run: string, count = 4) {
	const acknowledged: string[] = [];
	const unavailable: string[] = [];
	const other: string[] = [];
	let stopped = false;
	const writer = async (id: number) => {
		// Bounded: a stuck test ends by itself.
		for (let i = 0; i < 5_000 && !stopped; i++) {
			const text = `${run} writer ${id} message ${i}`;
			const response = await postMessage(app, cookie, text).catch((error: unknown) => error);
			if (!(response instanceof Response)) {
				other.push(`${text}: ${String(response)}`);
				return;
			}
			await response.arrayBuffer();
			if (response.status === 303 && response.headers.get('location') === '/berichten?verstuurd') {
				acknowledged.push(text);
			} else if (response.status === 503 && Number(response.headers.get('retry-after')) > 0) {
				unavailable.push(text);
				// Poll again shortly rather than hammer an app whose database is away.
				await new Promise((resolve) => setTimeout(resolve, 50));
			} else {
				other.push(`${text}: ${response.status}`);
			}
		}
	};
	const running = Promise.all(Array.from({ length: count }, (_, id) => writer(id)));
	return {
		acknowledged,
		unavailable,
		other,
		/** Waits until `more` further writes were acknowledged (or a writer failed). */
		async acknowledge(more: number) {
			const target = acknowledged.length + more;
			await expect
				.poll(() => acknowledged.length >= target || other.length > 0, { timeout: 90_000 })
				.toBe(true);
		},
		async stop() {
			stopped = true;
			await running;
		}
	};
}

async function readyStatus(app: AppProcess): Promise<number> {
	return fetch(`${app.url}/readyz`).then(
		(response) => response.status,
		() => 0
	);
}

/** Every acknowledged message is stored exactly once; one refused as unavailable at most once. */
async function expectStoredOnce(
	databaseUrl: string,
	run: string,
	writers: ReturnType<typeof startWriters>
): Promise<void> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	const { rows } = await client.query<{ body: string; n: number }>(
		'select body, count(*)::int as n from message where body like $1 group by body',
		[`${run}%`]
	);
	await client.end();
	const stored = new Map(rows.map((row) => [row.body, row.n]));
	expect(writers.other).toEqual([]);
	expect(writers.acknowledged.filter((text) => stored.get(text) !== 1)).toEqual([]);
	expect(writers.unavailable.filter((text) => (stored.get(text) ?? 0) > 1)).toEqual([]);
	const sent = new Set([...writers.acknowledged, ...writers.unavailable]);
	expect([...stored.keys()].filter((text) => !sent.has(text))).toEqual([]);
}

/**
 * While the database is away, a signed-in participant's form post answers 503 with Retry-After and
 * keeps the text (no 401), pages answer 503 (no sign-in redirect). Returns the draft cookie.
 */
async function expectKeptWhileAway(app: AppProcess, cookie: string, text: string): Promise<string> {
	const post = await postMessage(app, cookie, text);
	expect(post.status).toBe(503);
	expect(Number(post.headers.get('retry-after'))).toBeGreaterThan(0);
	const page = await post.text();
	expect(page).toContain('Herstelpad kan zijn gegevens even niet bereiken.');
	expect(page).toContain('Wat je had ingevuld, is bewaard.');
	const draft = post.headers
		.getSetCookie()
		.map((line) => line.split(';')[0] ?? '')
		.find((pair) => pair.startsWith('herstelpad-draft='));
	expect(draft).toBeDefined();

	const enhanced = await fetch(`${app.url}/berichten`, {
		method: 'POST',
		headers: form(app, cookie, { accept: 'application/json', 'x-sveltekit-action': 'true' }),
		body: new URLSearchParams({ bericht: text })
	});
	expect(enhanced.status).toBe(503);
	expect(await enhanced.json()).toMatchObject({ type: 'error', error: { message: 'database_unavailable' } });

	const home = await fetch(`${app.url}/`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });
	expect(home.status).toBe(503);
	expect(home.headers.get('retry-after')).not.toBeNull();
	expect(await home.text()).toContain('Even niet beschikbaar');
	return `${cookie}; ${draft}`;
}

/** Once the database is back, the kept text is in the message field again, with a notice. */
async function expectRestored(app: AppProcess, cookie: string, text: string): Promise<void> {
	const page = await fetch(`${app.url}/berichten`, { headers: { cookie, accept: 'text/html' } });
	expect(page.status).toBe(200);
	const html = await page.text();
	expect(html).toContain('Dit had je ingevuld, maar het is nog niet verstuurd.');
	expect(html).toContain(text);
}

describe('the app when its database goes away', () => {
	it('embedded: survives kill -9 of the postmaster under writes and brings it back by itself', async () => {
		const app = await start({ DEMO: 'on', DEMO_HISTORY: 'off' });
		await waitFor(app, '/readyz');
		const { cookie } = await signInOverHttp(app.url, 'deelnemer1@demo.herstelpad.example');
		// Another participant's form: the writers' own refused posts are kept for their session too.
		const other = await signInOverHttp(app.url, 'deelnemer2@demo.herstelpad.example');
		const run = `fault-${randomBytes(4).toString('hex')}`;
		const writers = startWriters(app, cookie, run);
		await writers.acknowledge(8);

		// The restarts fail until the configuration is repaired: the database stays away meanwhile.
		const conf = path.join(app.dataDir, 'pg', 'postgresql.conf');
		const original = await fs.readFile(conf, 'utf8');
		await fs.appendFile(conf, '\nshared_buffers = broken_for_the_test\n');
		const postmaster = Number(
			(await fs.readFile(path.join(app.dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]
		);
		process.kill(postmaster, 'SIGKILL');
		await expect.poll(() => readyStatus(app), { timeout: 30_000 }).toBe(503);
		const kept = `${run} kept while away`;
		const withDraft = await expectKeptWhileAway(app, other.cookie, kept);

		await fs.writeFile(conf, original);
		await expect.poll(() => readyStatus(app), { timeout: 90_000, interval: 250 }).toBe(200);
		await writers.acknowledge(8);
		await writers.stop();
		await expectRestored(app, withDraft, kept);

		expect(app.child.exitCode).toBeNull();
		expect(app.output()).not.toContain("Unhandled 'error' event");
		expect(app.output()).toContain('the embedded PostgreSQL stopped by itself (SIGKILL); restarting it');
		expect(app.output()).toContain('the embedded PostgreSQL runs again');
		expect(writers.unavailable.length).toBeGreaterThan(0);
		const settings = JSON.parse(await fs.readFile(path.join(app.dataDir, 'pg.json'), 'utf8')) as {
			port: number;
			password: string;
		};
		const url = `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/herstelpad`;
		await expectStoredOnce(url, run, writers);
	});
});

describe('a starting app that has not reached its database', () => {
	it('answers a signed-in person 503 and keeps their form, instead of treating them as signed out', async () => {
		const app = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/herstelpad' });
		await waitFor(app, '/healthz');
		expect(await readyStatus(app)).toBe(503);
		// Any well-formed session token: it cannot be checked, so it is neither accepted nor refused.
		const cookie = `herstelpad=${'A'.repeat(43)}`;
		await expectKeptWhileAway(app, cookie, 'Wat ik de groep wil vertellen');
		// Without a session cookie nothing changes: the sign-in page, and 401 for a form.
		const signIn = await fetch(`${app.url}/inloggen`, { headers: { accept: 'text/html' } });
		expect(signIn.status).toBe(200);
		const anonymous = await postMessage(app, '', 'hallo');
		expect(anonymous.status).toBe(401);
		expect(app.child.exitCode).toBeNull();
	});
});

/** The machine's PostgreSQL (CI's service, or TEST_DATABASE_URL), if one answers on loopback. */
async function reachableServer(): Promise<string | undefined> {
	const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
	client.on('error', () => undefined);
	return client.connect().then(
		async () => {
			await client.end();
			return url;
		},
		() => undefined
	);
}
const serverUrl = await reachableServer();

describe.runIf(serverUrl)('the app when its PostgreSQL server (DATABASE_URL) goes away', () => {
	it('survives pg_terminate_backend under writes, and a restarting app keeps forms for later', async () => {
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		const database = `herstelpad_fault_${randomBytes(4).toString('hex')}`;
		await admin.query(`create database ${database}`);
		cleanups.push(async () => {
			await admin.query(`drop database if exists ${database} with (force)`);
			await admin.end();
		});
		const env = {
			DATABASE_URL: withDatabase(serverUrl ?? '', database),
			AUTH_SECRET: randomBytes(32).toString('hex')
		};
		const app = await start(env);
		await waitFor(app, '/readyz');
		const { cookie } = await signInOverHttp(app.url, 'deelnemer1@demo.herstelpad.example');
		const run = `fault-${randomBytes(4).toString('hex')}`;
		const writers = startWriters(app, cookie, run);
		await writers.acknowledge(8);

		// Closed for maintenance, and every connection of the app ended by the server.
		await admin.query(`alter database ${database} allow_connections false`);
		await admin.query(
			'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
			[database]
		);
		await expect.poll(() => readyStatus(app), { timeout: 30_000 }).toBe(503);

		// A second instance starting now cannot reach the database: signed-in people are not signed out.
		const restarting = await start(env);
		await waitFor(restarting, '/healthz');
		expect(await readyStatus(restarting)).toBe(503);
		const kept = `${run} kept while starting`;
		const withDraft = await expectKeptWhileAway(restarting, cookie, kept);

		await admin.query(`alter database ${database} allow_connections true`);
		await expect.poll(() => readyStatus(app), { timeout: 90_000, interval: 250 }).toBe(200);
		await expect.poll(() => readyStatus(restarting), { timeout: 90_000, interval: 250 }).toBe(200);
		await writers.acknowledge(8);
		await writers.stop();
		await expectRestored(restarting, withDraft, kept);

		for (const instance of [app, restarting]) {
			expect(instance.child.exitCode).toBeNull();
			expect(instance.output()).not.toContain("Unhandled 'error' event");
		}
		expect(writers.unavailable.length).toBeGreaterThan(0);
		await expectStoredOnce(env.DATABASE_URL, run, writers);
	});
});
