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
 * is made on the first line only.
 */
export function requestLogger(requestId: string): RequestLogger {
	let child: pino.Logger | undefined;
	const get = () => (child ??= logger.child({ requestId }));
	return {
		debug: (...args: Parameters<pino.LogFn>) => get().debug(...args),
		info: (...args: Parameters<pino.LogFn>) => get().info(...args),
		warn: (...args: Parameters<pino.LogFn>) => get().warn(...args),
		error: (...args: Parameters<pino.LogFn>) => get().error(...args)
	};
}
