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
