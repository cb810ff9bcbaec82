import pino from 'pino';

/**
 * The process logger: JSON lines on stdout. Never log secrets or health data; request lines carry
 * a request id (see hooks.server.ts) and no bodies.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { app: 'herstelpad' },
	redact: { paths: ['password', '*.password', 'headers.cookie', 'headers.authorization'], remove: true }
});

/** What a request may log: the level methods, each line carrying the request id. */
export type RequestLogger = Pick<pino.Logger, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * A request's logger. Most requests log nothing, so the pino child (which serialises its bindings)
 * is made on the first line only; the methods live on the prototype, not in closures per request.
 */
class LazyRequestLogger implements RequestLogger {
	#child: pino.Logger | undefined;
	readonly #requestId: string;

	constructor(requestId: string) {
		this.#requestId = requestId;
	}

	get #log(): pino.Logger {
		return (this.#child ??= logger.child({ requestId: this.#requestId }));
	}

	debug(...args: Parameters<pino.LogFn>) {
		this.#log.debug(...args);
	}
	info(...args: Parameters<pino.LogFn>) {
		this.#log.info(...args);
	}
	warn(...args: Parameters<pino.LogFn>) {
		this.#log.warn(...args);
	}
	error(...args: Parameters<pino.LogFn>) {
		this.#log.error(...args);
	}
}

export function requestLogger(requestId: string): RequestLogger {
	return new LazyRequestLogger(requestId);
}
