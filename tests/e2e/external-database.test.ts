/**
 * The same app on a PostgreSQL server (DATABASE_URL), with two instances sharing it: both
 * migrate and seed safely at once, and a session made on one works on the other.
 * Runs when TEST_DATABASE_URL points at a server (CI, with the machine's PostgreSQL service); skipped otherwise.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../setup/database';
import { spawnApp, stopApp, waitFor, type AppProcess } from '../helpers/app';
import { signInOverHttp } from '../helpers/sign-in';

const serverUrl = process.env.TEST_DATABASE_URL;
const database = `herstelpad_e2e_${randomBytes(4).toString('hex')}`;
const apps: AppProcess[] = [];

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	await client.query(sql);
	await client.end();
}

afterAll(async () => {
	for (const app of apps) await stopApp(app);
	for (const app of apps) await fs.rm(app.dataDir, { recursive: true, force: true });
	if (serverUrl) await admin(`drop database if exists ${database} with (force)`);
});

describe.runIf(serverUrl)('on an external PostgreSQL', () => {
	it('runs two instances on one database; a session from one works on the other', async () => {
		await admin(`create database ${database}`);
		const env = {
			DATABASE_URL: withDatabase(serverUrl ?? '', database),
			AUTH_SECRET: randomBytes(32).toString('hex')
		};
		const [a, b] = await Promise.all([spawnApp(env), spawnApp(env)]);
		if (!a || !b) throw new Error('apps did not start');
		apps.push(a, b);
		await Promise.all([waitFor(a, '/readyz'), waitFor(b, '/readyz')]);

		const { first, cookie } = await signInOverHttp(a.url, 'trainer@demo.herstelpad.example');
		expect(first.status).toBe(303);
		const page = await fetch(`${b.url}/trainer`, { headers: { cookie, accept: 'text/html' } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Herstelgroep Demo');

		const client = new pg.Client({ connectionString: env.DATABASE_URL });
		await client.connect();
		const orgs = await client.query('select count(*)::int as n from organisation');
		await client.end();
		expect(orgs.rows[0].n).toBe(1);
	});
});
