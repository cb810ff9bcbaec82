// Serves the built app (build/) with Node's HTTP server: start-up errors as one clear line,
// graceful shutdown (stop taking requests, finish open ones, then stop the database).
import http from 'node:http';
import process from 'node:process';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
// adapter-node refuses form posts unless it knows the public origin.
process.env.ORIGIN ||= `http://localhost:${port}`;
// Video uploads may be as large as MEDIA_MAX_MB (checked again, with a clear message, in the app);
// every other request is held to 1 MB by the app's hooks.
const mediaMaxMb = Number(process.env.MEDIA_MAX_MB) > 0 ? Number(process.env.MEDIA_MAX_MB) : 500;
process.env.BODY_SIZE_LIMIT ||= String(Math.ceil(mediaMaxMb + 1) * 1024 * 1024);

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let handler;
try {
	// Importing the handler runs the app's `init` hook: configuration, database, migrations, demo data.
	({ handler } = await import('../build/handler.js'));
} catch (error) {
	const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
	console.error(`Herstelpad cannot start: ${message}`);
	process.exit(1);
}

const shared = /** @type {Record<symbol, any>} */ (globalThis);
const stopRuntime = /** @type {() => Promise<void>} */ (
	shared[Symbol.for('herstelpad.shutdown')] ?? (async () => {})
);
const notes = /** @type {string[]} */ (shared[Symbol.for('herstelpad.startupNotes')] ?? []);

const server = http.createServer((req, res) => handler(req, res));
server.keepAliveTimeout = 5_000;

server.on('error', async (error) => {
	const code = /** @type {NodeJS.ErrnoException} */ (error).code;
	if (code === 'EADDRINUSE') {
		console.error(
			`Herstelpad cannot start: port ${port} is already in use. Stop the other program or set PORT to a free port.`
		);
	} else if (code === 'EACCES') {
		console.error(`Herstelpad cannot start: no permission to listen on port ${port}. Use a port above 1023.`);
	} else {
		console.error(`Herstelpad cannot start: ${error.message}`);
	}
	await stopRuntime();
	process.exit(1);
});

server.listen(port, host, () => {
	const shown = process.env.ORIGIN ?? `http://localhost:${port}`;
	console.log(['', `Herstelpad is running: ${shown}`, ...notes, ''].join('\n'));
});

let shuttingDown = false;
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
	if (shuttingDown) return;
	shuttingDown = true;
	console.log(`Herstelpad is stopping (${signal})…`);
	// Open streams (live mode) would hold the server open: they end now and their browsers reconnect.
	/** @type {() => void} */ (shared[Symbol.for('herstelpad.drain')] ?? (() => {}))();
	const closed = new Promise((resolve) => server.close(resolve));
	server.closeIdleConnections();
	// Requests still running get up to 10 seconds to finish.
	await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
	server.closeAllConnections();
	await stopRuntime();
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
