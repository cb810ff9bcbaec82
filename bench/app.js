// The built app on a fresh embedded PostgreSQL for one benchmark, and its memory as /proc reads it:
// shared by bench/workbook.js and bench/fhir.js.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** @param {number} ms */
export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port the system just handed out (closed again at once). @returns {Promise<number>} */
export const openPort = () =>
	new Promise((resolve, reject) => {
		const probe = net.createServer().once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (probe.address());
			probe.close(() => resolve(port));
		});
	});

/**
 * The app (scripts/serve.js on the build), which runs a full GC on SIGUSR2 before its memory is read.
 * @param {string} name the data directory's prefix @param {Record<string, string>} env more settings
 */
export async function startApp(name, env = {}) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `herstelpad-${name}-`));
	fs.chmodSync(dataDir, 0o755);
	const port = await openPort();
	const url = `http://localhost:${port}`;
	const gcHook = 'data:text/javascript,process.on("SIGUSR2",()=>globalThis.gc())';
	const child = spawn(
		process.execPath,
		[
			'--max-semi-space-size=16',
			'--heap-growing-percent=150',
			'--expose-gc',
			'--import',
			gcHook,
			'scripts/serve.js'
		],
		{
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: String(port),
				ORIGIN: url,
				DATA_DIR: dataDir,
				LOG_LEVEL: 'warn',
				DEMO: 'on',
				// The figures stay comparable with earlier runs: the demo as it was, without its history.
				DEMO_HISTORY: 'off',
				REMINDERS: 'off',
				...env
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode})`);
		if (Date.now() > deadline) throw new Error('the app is not ready');
		const ready = await fetch(`${url}/readyz`).then(
			(r) => r.ok,
			() => false
		);
		if (ready) break;
		await pause(100);
	}
	return { url, dataDir, child };
}

/** @param {{ child: import('node:child_process').ChildProcess }} app @returns {number} VmRSS in MB */
export function rssMb(app) {
	const status = fs.readFileSync(`/proc/${app.child.pid}/status`, 'utf8');
	return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** A full GC in the app, then its RSS once two readings 300 ms apart agree within 1 MB. */
export async function settledRssMb(/** @type {Awaited<ReturnType<typeof startApp>>} */ app) {
	app.child.kill('SIGUSR2');
	let last = rssMb(app);
	for (let i = 0; i < 20; i++) {
		await pause(300);
		const now = rssMb(app);
		if (Math.abs(now - last) < 1) return now;
		last = now;
	}
	return last;
}
