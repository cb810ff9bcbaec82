/**
 * Two app instances on one PostgreSQL behind Debian's nginx (issue 22 item 1), as the README's
 * "Running several instances" sets them up: HTTP/2 and TLS on loopback, round robin, one AUTH_SECRET,
 * one shared DATA_DIR, ORIGIN the https address and the client's address from X-Forwarded-For. In
 * Chromium: sign-in, a check-in with its draft, a video upload, live mode and a sign-out work whichever
 * instance answers; one instance stopped (SIGTERM), later the other killed (SIGKILL), mid-use, loses
 * nothing. nginx's access log says which instance answered each request. In an organisation of its
 * own (builders); the database is the suite's app database, or a fresh one on TEST_DATABASE_URL.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, local } from '../../src/lib/domain/schedule';
import type { Actor } from '../../src/lib/domain/policy';
import { hashPassword } from '../../src/lib/server/auth/password';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { freePort, spawnApp, tempDataDir, waitFor, type AppProcess } from '../helpers/app';
import {
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession,
	buildSignedIn
} from '../helpers/builders';
import { PROXY_SOURCE, startNginx, type Nginx } from '../helpers/nginx';
import { withDatabase } from '../setup/database';
import { launchBrowser } from './browser';

const serverUrl = process.env.TEST_DATABASE_URL;
const serverDatabase = `herstelpad_nginx_${randomBytes(4).toString('hex')}`;
const marker = randomBytes(3).toString('hex');
const password = `wachtwoord-${marker}`;
const sample = path.resolve('content/media/sample-peer-story');

let browser: Browser;
let database: Database;
let sql: pg.Client;
let databaseUrl: string;
let nginx: Nginx;
let sharedDir: string;
/** The two instances by name; an entry is replaced when the instance is started again. */
const instances: Record<'a' | 'b', AppProcess | null> = { a: null, b: null };
const ports = { a: 0, b: 0 };
let env: Record<string, string>;
let participant: Actor;
let participantEmail: string;
let tokens: { trainer: string; coordinator: string };
let groupId: string;
let sessionId: string;
let organisationId: string;
const contexts: BrowserContext[] = [];

async function onServer(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	await client.query(text);
	await client.end();
}

async function startInstance(name: 'a' | 'b'): Promise<AppProcess> {
	const app = await spawnApp({ ...env, PORT: String(ports[name]) }, sharedDir);
	instances[name] = app;
	await waitFor(app, '/readyz');
	return app;
}

beforeAll(async () => {
	browser = await launchBrowser();
	if (serverUrl) {
		await onServer(`create database ${serverDatabase}`);
		databaseUrl = withDatabase(serverUrl, serverDatabase);
	} else databaseUrl = inject('appDatabaseUrl');
	ports.a = await freePort();
	ports.b = await freePort();
	const proxyPort = await freePort();
	sharedDir = await tempDataDir();
	env = {
		DATABASE_URL: databaseUrl,
		AUTH_SECRET: randomBytes(32).toString('hex'),
		ORIGIN: `https://localhost:${proxyPort}`,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		DEMO: 'off',
		REMINDERS: 'off'
	};
	// Both at once, as after a deploy: one migrates and creates the job queues while the other waits.
	await Promise.all([startInstance('a'), startInstance('b')]);
	for (const app of [instances.a!, instances.b!]) expect(app.output()).not.toMatch(/could not start/);
	nginx = await startNginx(proxyPort, [ports.a, ports.b]);

	database = openDatabase(databaseUrl, 2);
	sql = new pg.Client({ connectionString: databaseUrl });
	await sql.connect();
	const db = database.db;
	organisationId = (await buildOrganisation(db, `Twee instanties ${marker}`)).id;
	const trainer = await buildPerson(db, { organisationId, role: 'trainer', name: `Tamara ${marker}` });
	const coordinator = await buildPerson(db, { organisationId, role: 'coordinator' });
	participant = await buildPerson(db, { organisationId, role: 'participant', name: `Noa ${marker}` });
	participantEmail = (
		await sql.query<{ email: string }>(`select email from "user" where id = $1`, [participant.userId])
	).rows[0]!.email;
	await sql.query(
		`insert into account (id, account_id, provider_id, user_id, password) values ($1, $2, 'credential', $2, $3)`,
		[randomUUID(), participant.userId, await hashPassword(password)]
	);
	await sql.query(`insert into tour_seen (person_id) values ($1)`, [participant.personId]);
	groupId = (
		await buildGroup(db, {
			organisationId,
			name: `Groep ${marker}`,
			trainers: [trainer],
			participants: [participant]
		})
	).id;
	// Weekly sessions around today: the check-in is for the week that began yesterday.
	const yesterday = addDays(local(new Date()).date, -1);
	for (let week = -3; week <= 3; week++) {
		const { id } = await buildSession(db, { groupId, date: addDays(yesterday, 7 * week), moduleNumber: 1 });
		if (week === 0) sessionId = id;
	}
	await buildGoal(db, { participant, step: 'Elke dag een kwartier wandelen' });
	tokens = {
		trainer: await buildSignedIn(db, trainer),
		coordinator: await buildSignedIn(db, coordinator)
	};
}, 180_000);

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	await sql?.end();
	await database?.close();
	await nginx?.stop();
	for (const app of Object.values(instances)) {
		if (!app) continue;
		if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGTERM');
		await app.exited;
	}
	if (sharedDir) await fs.rm(sharedDir, { recursive: true, force: true });
	if (serverUrl) await onServer(`drop database if exists ${serverDatabase} with (force)`);
});

/** A browser context on nginx's https address (its test certificate accepted), signed in with `token`. */
async function open(token?: string, headers: Record<string, string> = {}): Promise<Page> {
	const context = await browser.newContext({
		baseURL: nginx.url,
		ignoreHTTPSErrors: true,
		extraHTTPHeaders: headers,
		locale: 'nl-NL',
		viewport: { width: 1024, height: 800 }
	});
	contexts.push(context);
	if (token) await context.addCookies([{ name: '__Host-herstelpad', value: token, url: nginx.url }]);
	return context.newPage();
}

/** Which instance nginx's upstream address names. */
function instanceOf(upstream: string): 'a' | 'b' {
	// A retried request lists every instance tried; the last one answered.
	const last = upstream.split(',').at(-1)!.trim();
	if (last.endsWith(`:${ports.a}`)) return 'a';
	if (last.endsWith(`:${ports.b}`)) return 'b';
	throw new Error(`no instance at ${upstream}`);
}

/** The instance that answered the (finished) request whose URI contains `probe`, from nginx's log. */
async function answeredBy(probe: string): Promise<'a' | 'b'> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const found = (await nginx.requests()).find((request) => request.uri.includes(probe));
		if (found) return instanceOf(found.upstream);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`no request ${probe} in nginx's log`);
}

/** Opens `pathname` with a fresh probe in its query until each instance has answered it once. */
async function onBothInstances(page: Page, pathname: string, check: () => Promise<void>): Promise<void> {
	const seen = new Set<string>();
	for (let round = 0; round < 8 && seen.size < 2; round++) {
		const probe = `n=${randomBytes(4).toString('hex')}`;
		await page.goto(`${pathname}${pathname.includes('?') ? '&' : '?'}${probe}`);
		await check();
		seen.add(await answeredBy(probe));
	}
	expect([...seen].sort()).toEqual(['a', 'b']);
}

async function next(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Verder', exact: true }).click();
	await page.waitForLoadState('networkidle');
}

const livePath = () => `/trainer/groepen/${groupId}/sessies/${sessionId}/live`;

describe('two instances behind nginx', () => {
	let participantPage: Page;

	it('signs in over HTTP/2 and TLS; the session works on both instances; the client address is the browser’s', async () => {
		// A forged X-Forwarded-For from the browser: nginx appends the real address, the app takes that one.
		participantPage = await open(undefined, { 'x-forwarded-for': '203.0.113.7' });
		const page = participantPage;
		await page.goto('/inloggen', { waitUntil: 'networkidle' });
		await page.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
		await page.getByLabel('E-mailadres').fill(participantEmail);
		await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
		await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/');
		expect(
			await page.evaluate(
				() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol
			)
		).toBe('h2');
		const cookie = (await page.context().cookies()).find((one) => one.name === '__Host-herstelpad');
		expect(cookie?.secure).toBe(true);
		const { rows } = await sql.query<{ ip_address: string }>(
			`select ip_address from session where token = $1`,
			[createHash('sha256').update(cookie!.value).digest('hex')]
		);
		// Not the forged address, and not the proxy's own source address (PROXY_SOURCE).
		expect(rows[0]?.ip_address).toBe('127.0.0.1');
		expect(PROXY_SOURCE).not.toBe('127.0.0.1');
		await onBothInstances(page, '/', async () => {
			expect(new URL(page.url()).pathname).toBe('/');
			await page.getByRole('link', { name: 'Check-in van deze week' }).waitFor();
		});
	});

	it('keeps a check-in and its draft when the instance that saved the draft is stopped (SIGTERM)', async () => {
		const page = participantPage;
		await page.goto('/check-in');
		await page.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
		await page.getByLabel('Een beetje').check();
		await next(page);
		await page.getByLabel('Dichtbij', { exact: true }).check();
		await next(page);
		const drafts = await sql.query(`select 1 from check_in_draft where person_id = $1`, [
			participant.personId
		]);
		expect(drafts.rowCount).toBe(1);
		// The instance that answered the last step stops, as in a rolling restart.
		const saved = instanceOf((await nginx.requests()).filter((r) => r.method === 'POST').at(-1)!.upstream);
		const other = saved === 'a' ? 'b' : 'a';
		const stopping = instances[saved]!;
		stopping.child.kill('SIGTERM');
		expect(await stopping.exited).toBe(0);
		const before = (await nginx.requests()).length;
		await page.getByLabel(/Wil je iets bespreken/).fill(`Na de herstart ${marker}`);
		await next(page);
		await page.getByLabel('Ja, ik houd mijn stap').check();
		await next(page);
		await page.getByRole('heading', { level: 1, name: 'Klaar' }).waitFor();
		await page.goto('/');
		await page.getByText('Check-in van deze week gedaan').waitFor();
		// Every request since then was answered by the other instance.
		const after = (await nginx.requests()).slice(before);
		expect(after.length).toBeGreaterThan(0);
		expect(after.every((request) => instanceOf(request.upstream) === other && request.status < 500)).toBe(
			true
		);
		const checkIns = await sql.query<{ wants_to_discuss: string | null }>(
			`select * from check_in where person_id = $1`,
			[participant.personId]
		);
		expect(checkIns.rowCount).toBe(1);
		expect(JSON.stringify(checkIns.rows[0])).toContain(`Na de herstart ${marker}`);

		// Back on its port, it gets requests again.
		await startInstance(saved);
		const deadline = Date.now() + 30_000;
		let back = false;
		while (!back && Date.now() < deadline) {
			const probe = `n=${randomBytes(4).toString('hex')}`;
			await page.goto(`/?${probe}`);
			back = (await answeredBy(probe)) === saved;
		}
		expect(back).toBe(true);
	});

	it('shows a video a coordinator uploaded through both instances (one shared DATA_DIR)', async () => {
		const page = await open(tokens.coordinator);
		await page.goto('/beheer/media', { waitUntil: 'networkidle' });
		await page.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
		const title = `Het verhaal van Ilse ${marker}`;
		await page.getByLabel('Titel (Nederlands)').fill(title);
		await page.getByLabel('Uitgeschreven tekst (Nederlands)').fill('Ilse vertelt over haar herstel.');
		await page
			.getByLabel('Ondertitels Nederlands (.vtt)')
			.setInputFiles(path.join(sample, 'captions.nl.vtt'));
		await page.getByLabel(/Videobestand/).setInputFiles(path.join(sample, 'video.webm'));
		await page.getByRole('button', { name: 'Video uploaden' }).click();
		await page.waitForURL('**/beheer/media?toegevoegd');
		const { rows } = await sql.query<{ id: string }>(
			`select id from media where organisation_id = $1 and title->>'nl' = $2`,
			[organisationId, title]
		);
		expect(rows).toHaveLength(1);
		const size = (await fs.stat(path.join(sample, 'video.webm'))).size;
		const seen = new Set<string>();
		for (let round = 0; round < 8 && seen.size < 2; round++) {
			const probe = `n=${randomBytes(4).toString('hex')}`;
			const response = await page.request.get(`/api/media/${rows[0]!.id}/video?${probe}`);
			expect(response.status()).toBe(200);
			expect((await response.body()).length).toBe(size);
			seen.add(await answeredBy(probe));
		}
		expect([...seen].sort()).toEqual(['a', 'b']);
		await onBothInstances(page, '/beheer/media', () => page.getByRole('link', { name: title }).waitFor());
	});

	it('runs live mode over HTTP/2 through nginx: the wall hears changes made on the other instance', async () => {
		const wall = await open(tokens.trainer);
		await wall.goto(`${livePath()}/muur`);
		await wall.getByText('Live modus staat uit.').waitFor();
		const trainer = await open(tokens.trainer);
		await trainer.goto(livePath());
		await trainer.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
		// Start and stop until a change was made on the instance the wall's stream is not on (round robin).
		const changes: ('a' | 'b')[] = [];
		for (let round = 0; round < 8; round++) {
			const starting = round % 2 === 0;
			const posted = trainer.waitForResponse((response) => response.request().method() === 'POST');
			await trainer.getByRole('button', { name: starting ? 'Start live modus' : 'Stop live modus' }).click();
			await posted;
			await wall.getByText(starting ? 'Zo komt de eerste vraag.' : 'Live modus staat uit.').waitFor();
			const posts = (await nginx.requests()).filter(
				(request) => request.method === 'POST' && request.uri.startsWith(livePath())
			);
			expect(posts).toHaveLength(round + 1);
			changes.push(instanceOf(posts.at(-1)!.upstream));
			if (round % 2 === 1 && new Set(changes).size === 2) break;
		}
		await wall.context().close();
		// The wall's stream is logged once it has ended: one stream over HTTP/2, on one instance.
		const walls = () =>
			nginx.requests().then((all) => all.filter((request) => request.uri.includes('/stroom?scherm=muur')));
		await expect.poll(async () => (await walls()).length, { timeout: 10_000 }).toBeGreaterThan(0);
		const streams = await walls();
		expect(streams).toHaveLength(1);
		expect(streams[0]!.protocol).toBe('HTTP/2.0');
		expect(changes).toContain(instanceOf(streams[0]!.upstream) === 'a' ? 'b' : 'a');
	});

	it('signs out on one instance and the other no longer takes the session (cache invalidation)', async () => {
		const page = participantPage;
		const token = (await page.context().cookies()).find((one) => one.name === '__Host-herstelpad')!.value;
		// Both instances have this session in their caches.
		await onBothInstances(page, '/', () => page.getByText('Check-in van deze week gedaan').waitFor());
		await page.goto('/');
		await page.getByRole('button', { name: 'Uitloggen' }).first().click();
		await page.waitForURL((url) => url.pathname.startsWith('/inloggen'));
		const seen = new Set<string>();
		for (let round = 0; round < 8 && seen.size < 2; round++) {
			const probe = `n=${randomBytes(4).toString('hex')}`;
			const response = await page.request.get(`/?${probe}`, {
				headers: { cookie: `__Host-herstelpad=${token}`, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(303);
			expect(response.headers().location).toContain('/inloggen');
			seen.add(await answeredBy(probe));
		}
		expect([...seen].sort()).toEqual(['a', 'b']);
	});

	it('carries on when an instance is killed (SIGKILL) mid-use; nothing saved is lost', async () => {
		const trainer = await open(tokens.trainer);
		await trainer.goto(livePath());
		await trainer.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
		const wall = await open(tokens.trainer);
		await wall.goto(`${livePath()}/muur`);
		await wall.getByText('Live modus staat uit.').waitFor();
		await trainer.getByRole('button', { name: 'Start live modus' }).click();
		await wall.getByText('Zo komt de eerste vraag.').waitFor();
		instances.b!.child.kill('SIGKILL');
		await instances.b!.exited;
		const before = (await nginx.requests()).length;
		// The trainer goes on; the wall's stream, if it was on the killed instance, reconnects to the other.
		await trainer.getByRole('button', { name: 'Stop live modus' }).click();
		await wall.getByText('Live modus staat uit.').waitFor({ timeout: 20_000 });
		const coordinator = await open(tokens.coordinator);
		await coordinator.goto('/beheer/media');
		await coordinator.getByRole('link', { name: `Het verhaal van Ilse ${marker}` }).waitFor();
		const after = (await nginx.requests())
			.slice(before)
			.filter((request) => !request.uri.includes('/stroom'));
		expect(after.every((request) => instanceOf(request.upstream) === 'a' && request.status < 500)).toBe(true);
		const kept = await sql.query(
			`select (select count(*) from check_in where person_id = $1)::int as check_ins,
			        (select count(*) from media where organisation_id = $2 and title->>'nl' = $3)::int as videos`,
			[participant.personId, organisationId, `Het verhaal van Ilse ${marker}`]
		);
		expect(kept.rows[0]).toEqual({ check_ins: 1, videos: 1 });
		const requests = await nginx.requests();
		const answered = { a: 0, b: 0 };
		for (const request of requests) answered[instanceOf(request.upstream)]++;
		console.info(`nginx: ${requests.length} requests; instance a answered ${answered.a}, b ${answered.b}`);
		expect(answered.a).toBeGreaterThan(0);
		expect(answered.b).toBeGreaterThan(0);
	});
});
