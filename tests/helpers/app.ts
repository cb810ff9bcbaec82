/** Starting and stopping the built app as a real process, for browser and process tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface AppProcess {
	url: string;
	port: number;
	dataDir: string;
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export async function tempDataDir(): Promise<string> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-app-'));
	await fs.chmod(dir, 0o755);
	return dir;
}

/** Spawns scripts/serve.js on the existing build. */
export async function spawnApp(env: Record<string, string> = {}, dataDir?: string): Promise<AppProcess> {
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const dir = dataDir ?? (await tempDataDir());
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
