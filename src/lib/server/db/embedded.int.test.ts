import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseStartError, inspectPidFile, startEmbeddedPostgres } from './embedded';
import { isAlive } from '../../../../tests/helpers/process';

const dirs: string[] = [];
async function tempDataDir(): Promise<string> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-embedded-'));
	await fs.chmod(dir, 0o755);
	dirs.push(dir);
	return dir;
}
afterAll(async () => {
	for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

async function selectOne(url: string): Promise<number> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const result = await client.query<{ one: number }>('select 1 as one');
	await client.end();
	return result.rows[0]?.one ?? 0;
}

async function postmasterPid(dataDir: string): Promise<number> {
	return Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

describe('startEmbeddedPostgres', () => {
	it('creates a data dir, runs a real PostgreSQL, and stops it', async () => {
		const dataDir = await tempDataDir();
		const server = await startEmbeddedPostgres({ dataDir });
		expect(await selectOne(server.url)).toBe(1);
		const pid = await postmasterPid(dataDir);
		if (process.getuid?.() === 0) {
			// As root, PostgreSQL must run as another user: it refuses to run as root.
			const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
			expect(status).not.toMatch(/^Uid:\s+0\s/m);
		}
		await server.stop();
		expect(isAlive(pid)).toBe(false);
	});

	it('stops an orphaned postmaster left by a killed process, then starts on the same data', async () => {
		const dataDir = await tempDataDir();
		const first = await startEmbeddedPostgres({ dataDir });
		await first.stop();
		const child = spawn(process.execPath, ['tests/fixtures/start-postgres.js', dataDir], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
			child.on('exit', () => reject(new Error('fixture exited early')));
		});
		child.kill('SIGKILL');
		await new Promise((resolve) => child.on('exit', resolve));
		const orphan = await postmasterPid(dataDir);
		await expect
			.poll(() => inspectPidFile(path.join(dataDir, 'pg')))
			.toEqual({ state: 'orphan', pid: orphan });

		const second = await startEmbeddedPostgres({ dataDir });
		expect(isAlive(orphan)).toBe(false);
		expect(await selectOne(second.url)).toBe(1);
		await second.stop();
	});

	it('starts despite a stale pid file from a process that is gone', async () => {
		const dataDir = await tempDataDir();
		await (await startEmbeddedPostgres({ dataDir })).stop();
		await fs.writeFile(path.join(dataDir, 'pg', 'postmaster.pid'), `999999\n${dataDir}/pg\n0\n5999\n\n`);
		expect(await inspectPidFile(path.join(dataDir, 'pg'))).toEqual({ state: 'stale' });
		const server = await startEmbeddedPostgres({ dataDir });
		expect(await selectOne(server.url)).toBe(1);
		await server.stop();
	});

	it('reuses a server this process already runs on the data dir, and leaves it running', async () => {
		const dataDir = await tempDataDir();
		const owner = await startEmbeddedPostgres({ dataDir });
		const guest = await startEmbeddedPostgres({ dataDir });
		expect(guest.port).toBe(owner.port);
		await guest.stop();
		expect(await selectOne(owner.url)).toBe(1);
		await owner.stop();
	});

	it('turns an opaque start failure into a message naming the data dir and the log', async () => {
		const dataDir = await tempDataDir();
		await (await startEmbeddedPostgres({ dataDir })).stop();
		await fs.appendFile(path.join(dataDir, 'pg', 'postgresql.conf'), '\nshared_buffers = nonsense\n');
		const failure = await startEmbeddedPostgres({ dataDir }).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(DatabaseStartError);
		expect((failure as Error).message).toContain(path.join(dataDir, 'pg'));
		expect((failure as Error).message).toContain(path.join(dataDir, 'postgres.log'));
	});

	it('brings its server back after kill -9 of the postmaster, with a log line each time', async () => {
		const dataDir = await tempDataDir();
		const lines: string[] = [];
		const server = await startEmbeddedPostgres({
			dataDir,
			log: (line) => lines.push(line),
			restart: { tries: 8, firstDelayMs: 100, maxDelayMs: 2_000 }
		});
		const first = await postmasterPid(dataDir);
		process.kill(first, 'SIGKILL');
		await expect.poll(() => selectOne(server.url).catch(() => 0), { timeout: 60_000 }).toBe(1);
		const second = await postmasterPid(dataDir);
		expect(second).not.toBe(first);
		expect(lines.join('\n')).toContain('the embedded PostgreSQL stopped by itself (SIGKILL); restarting it');
		expect(lines.join('\n')).toMatch(/the embedded PostgreSQL runs again \(pid \d+, try \d of 8\)/);
		await server.stop();
		expect(isAlive(second)).toBe(false);
	});

	it('gives up with a clear message when the server will not come back, and still stops', async () => {
		const dataDir = await tempDataDir();
		const lines: { line: string; level?: string }[] = [];
		const server = await startEmbeddedPostgres({
			dataDir,
			log: (line, level) => lines.push({ line, level }),
			restart: { tries: 2, firstDelayMs: 50, maxDelayMs: 100 }
		});
		await fs.appendFile(path.join(dataDir, 'pg', 'postgresql.conf'), '\nshared_buffers = nonsense\n');
		process.kill(await postmasterPid(dataDir), 'SIGKILL');
		const givenUp = `The embedded PostgreSQL in ${path.join(dataDir, 'pg')} could not be restarted after 2 tries.`;
		await expect
			.poll(() => lines.find((entry) => entry.line.startsWith(givenUp)), { timeout: 60_000 })
			.toEqual({ line: expect.stringContaining('then restart Herstelpad.'), level: 'error' });
		expect(
			lines.filter((entry) => entry.line.startsWith('restarting the embedded PostgreSQL failed'))
		).toHaveLength(2);
		await server.stop();
	});

	it('names a data dir it cannot write', async () => {
		const parent = await tempDataDir();
		await fs.writeFile(path.join(parent, 'a-file'), '');
		const dataDir = path.join(parent, 'a-file', 'data');
		await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
			`The data directory ${dataDir} is not writable`
		);
	});

	it.runIf(process.getuid?.() === 0)(
		'explains when the postgres user cannot reach the data dir',
		async () => {
			const parent = await tempDataDir();
			await fs.mkdir(path.join(parent, 'private'), { mode: 0o700 });
			const dataDir = path.join(parent, 'private', 'data');
			await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/cannot enter .*private/);
		}
	);
});
