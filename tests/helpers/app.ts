/** Starting and stopping the built app as a real process, for browser and process tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runSubdir } from './run-dir.js';

export interface AppProcess {
	url: string;
	port: number;
	dataDir: string;
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

/**
 * A port that is free now and that no other process of this test run was given (a claim file per
 * port, made with O_EXCL). Between this answer and the app's bind another program may still take
 * it: spawnApp tries again with another port when that happens. Whoever can bind port 0 itself
 * should (and read the bound port).
 */
export async function freePort(): Promise<number> {
	const claims = runSubdir('ports');
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		try {
			fsSync.closeSync(fsSync.openSync(path.join(claims, String(port)), 'wx'));
			return port;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

export async function tempDataDir(): Promise<string> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-app-'));
	await fs.chmod(dir, 0o755);
	return dir;
}

/**
 * Spawns scripts/serve.js on the existing build. Without PORT in `env` it picks a free port and, when
 * another program took that port before the app could bind it, starts the app again on another.
 */
export async function spawnApp(env: Record<string, string> = {}, dataDir?: string): Promise<AppProcess> {
	const dir = dataDir ?? (await tempDataDir());
	if (env.PORT) return startServe(env, dir, Number(env.PORT));
	for (let attempt = 1; ; attempt++) {
		const app = startServe(env, dir, await freePort());
		if (attempt === 5 || !(await lostItsPort(app))) return app;
	}
}

function startServe(env: Record<string, string>, dir: string, port: number): AppProcess {
	const url = `http://localhost:${port}`;
	const child = spawn(
		process.execPath,
		['--max-semi-space-size=16', '--heap-growing-percent=150', 'scripts/serve.js'],
		{
			env: {
				...process.env,
				NODE_ENV: 'production',
				LOG_LEVEL: 'warn',
				DATA_DIR: dir,
				PORT: String(port),
				ORIGIN: url,
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { url, port, dataDir: dir, child, output: () => output, exited };
}

/**
 * Whether the app stopped because its port was taken (it says so and exits), rather than bound it
 * ("Herstelpad is running") or stopped for another reason. Bounded: undecided after 90 seconds.
 */
async function lostItsPort(app: AppProcess): Promise<boolean> {
	const deadline = Date.now() + 90_000;
	let exitedAt = 0;
	void app.exited.then(() => (exitedAt = Date.now()));
	const taken = `port ${app.port} is already in use`;
	// Its last words may arrive after the exit: read until both streams have ended.
	const drained = () => !!app.child.stdout?.readableEnded && !!app.child.stderr?.readableEnded;
	while (Date.now() < deadline) {
		if (app.output().includes('Herstelpad is running')) return false;
		if (exitedAt && (drained() || Date.now() > exitedAt + 2_000 || app.output().includes(taken)))
			return app.output().includes(taken);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return false;
}

/** Waits until `url` answers with `status` (default 200), or throws with the app's output. */
export async function waitFor(
	app: AppProcess,
	pathname: string,
	status = 200,
	timeoutMs = 90_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exitedEarly = false;
	void app.exited.then(() => (exitedEarly = true));
	while (Date.now() < deadline && !exitedEarly) {
		const answer = await fetch(app.url + pathname).then(
			(response) => response.status,
			() => 0
		);
		if (answer === status) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${pathname} did not answer ${status}. App output:\n${app.output()}`);
}

/** Stops the app with SIGTERM (graceful) and returns its exit code. */
export async function stopApp(app: AppProcess): Promise<number | null> {
	if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGTERM');
	return app.exited;
}
