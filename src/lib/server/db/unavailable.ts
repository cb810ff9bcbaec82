/**
 * Telling "the database is away" (a crash, a restart, a terminated connection, a server not up
 * yet) from other failures: those requests get a 503 with Retry-After instead of a 500.
 */

/** How long a client should wait before trying again while the database is away, in seconds. */
export const RETRY_AFTER_SECONDS = 10;

const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN'
]);
// SQLSTATE 57P01 admin_shutdown (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up, recovering); class 08 is "connection exception".
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);
// What node-postgres and pg-pool say when a connection ends or cannot be had.
const MESSAGES = [
	/^Connection terminated/,
	/timeout exceeded when trying to connect/,
	/is not queryable/,
	/^Cannot use a pool after calling end/,
	// An operator closed the database for maintenance (ALTER DATABASE … ALLOW_CONNECTIONS false).
	/is not currently accepting connections/
];

/** Whether `error` (or what caused it: drizzle wraps driver errors) means the database is away. */
export function isDatabaseUnavailable(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { code, message, cause, errors } = current as {
			code?: unknown;
			message?: unknown;
			cause?: unknown;
			errors?: unknown;
		};
		if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code))) return true;
		if (typeof code === 'string' && /^08[0-9A-Z]{3}$/.test(code)) return true;
		if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
		// Connecting to a name with several addresses fails with an AggregateError of each attempt.
		if (Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable)) return true;
		current = cause;
	}
	return false;
}

/**
 * A handler for the process's `unhandledRejection` event. pg-boss (10.4) does not await its own
 * bookkeeping after a job — `complete` and `fail` in `Manager.watch` — so when the database goes
 * away while a job runs, that query rejects a promise nobody handles, and Node ends the process on
 * it (found by the crash rounds, tests/e2e/crash.test.ts). A rejection because the database is away
 * is logged and the process lives (the job stays active until it expires, and pg-boss retries it);
 * any other still ends the process, as it would without this handler.
 */
export function survivingDatabaseLoss(log: (reason: unknown) => void): (reason: unknown) => void {
	return (reason) => {
		if (!isDatabaseUnavailable(reason)) throw reason;
		log(reason);
	};
}
