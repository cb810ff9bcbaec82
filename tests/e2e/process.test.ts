/**
 * The app as an operator meets it: start, crash, restart, clear start-up errors, graceful stop.
 * Each test runs its own app process on the built app (tests/setup/app.ts builds it).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnApp, stopApp, tempDataDir, waitFor, type AppProcess } from '../helpers/app';
import { isAlive } from '../helpers/process';

const started: AppProcess[] = [];
async function start(env: Record<string, string> = {}, dataDir?: string): Promise<AppProcess> {
	const app = await spawnApp(env, dataDir);
	started.push(app);
	return app;
}
afterAll(async () => {
	for (const app of started) {
		app.child.kill('SIGKILL');
		await app.exited;
	}
	const dirs = new Set(started.map((app) => app.dataDir));
	for (const dir of dirs) {
		// A killed app may leave its PostgreSQL running: stop it before removing the directory.
		const pid = Number(
			(await fs.readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]
		);
		if (pid > 0) process.kill(pid, 'SIGINT');
		await fs.rm(dir, { recursive: true, force: true });
	}
});

describe('the app process', () => {
	it('comes up again on the same data after kill -9, and stops its database on SIGTERM', async () => {
		const first = await start();
		await waitFor(first, '/readyz');
		first.child.kill('SIGKILL');
		await first.exited;

		const second = await start({}, first.dataDir);
		await waitFor(second, '/readyz');
		expect(await (await fetch(`${second.url}/healthz`)).text()).toBe('ok');
		const postmaster = Number(
			(await fs.readFile(path.join(first.dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]
		);
		expect(isAlive(postmaster)).toBe(true);

		expect(await stopApp(second)).toBe(0);
		await expect.poll(() => isAlive(postmaster), { timeout: 10_000 }).toBe(false);
		expect(second.output()).toContain('Herstelpad is stopping (SIGTERM)');
	});

	it('refuses an invalid setting with one line naming it', async () => {
		const app = await start({ PORT: '3000', DEMO: 'maybe' });
		expect(await app.exited).toBe(1);
		expect(app.output().trim()).toBe('Herstelpad cannot start: Invalid DEMO: expected one of on, off.');
	});

	it('says so when the port is taken', async () => {
		const first = await start();
		await waitFor(first, '/readyz');
		const second = await start({ PORT: String(first.port) });
		expect(await second.exited).toBe(1);
		expect(second.output()).toContain(`Herstelpad cannot start: port ${first.port} is already in use.`);
		await stopApp(first);
	});

	it('names a data directory it cannot write', async () => {
		const parent = await tempDataDir();
		await fs.writeFile(path.join(parent, 'a-file'), '');
		const dataDir = path.join(parent, 'a-file', 'data');
		const app = await start({ DATA_DIR: dataDir }, parent);
		expect(await app.exited).toBe(1);
		expect(app.output()).toContain(`Herstelpad cannot start: The data directory ${dataDir} is not writable`);
	});

	it('keeps running and reports not ready while an external database is unreachable', async () => {
		const app = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/herstelpad' });
		await waitFor(app, '/healthz');
		const ready = await fetch(`${app.url}/readyz`);
		expect(ready.status).toBe(503);
		expect(await ready.json()).toEqual({ status: 'not ready', database: false, migrations: false });
		const page = await fetch(`${app.url}/inloggen`, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		expect(app.child.exitCode).toBeNull();
		await stopApp(app);
	});

	it('over https: HSTS and a Secure, prefixed session cookie', async () => {
		const port = await freePort();
		const origin = `https://localhost:${port}`;
		const app = await start({ PORT: String(port), ORIGIN: origin });
		await waitFor(app, '/readyz');
		const health = await fetch(`${app.url}/healthz`);
		expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
		// The TLS proxy in front is simulated by sending the public origin ourselves.
		const signIn = await fetch(`${app.url}/inloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'trainer@demo.herstelpad.example', password: 'herstelpad-demo' })
		});
		expect(signIn.status).toBe(303);
		const session = signIn.headers.getSetCookie().find((line) => line.includes('herstelpad='));
		expect(session).toMatch(/^__Host-herstelpad=/);
		expect(session).toMatch(/; Path=\//i);
		expect(session).not.toMatch(/; Domain=/i);
		expect(session).toMatch(/; Secure/i);
		await stopApp(app);
	});

	it('starts without the demo organisation when DEMO=off', async () => {
		const app = await start({ DEMO: 'off' });
		await waitFor(app, '/readyz');
		expect(app.output()).not.toContain('Demo organisation');
		const signIn = await fetch(`${app.url}/inloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'trainer@demo.herstelpad.example', password: 'herstelpad-demo' })
		});
		expect(signIn.status).toBe(400);
		expect(await signIn.text()).toContain('Het e-mailadres of het wachtwoord klopt niet.');
		await stopApp(app);
	});
});
