import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Herstelpad reads, validated once at start-up.
 * README.md documents the same list in a table; keep both in step.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z
	.string()
	.refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'a postgres:// or postgresql:// URL');

const httpUrl = z
	.string()
	.refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'an http(s):// URL');

const port = z.coerce
	.number()
	.int('a whole number from 1 to 65535')
	.min(1, 'a whole number from 1 to 65535')
	.max(65535, 'a whole number from 1 to 65535');

const minutes = (fallback: number, max: number) =>
	z.coerce
		.number()
		.int(`a whole number from 1 to ${max}`)
		.min(1, `a whole number from 1 to ${max}`)
		.max(max, `a whole number from 1 to ${max}`)
		.default(fallback);

const schema = z
	.object({
		NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
		PORT: port.default(3000),
		HOST: z.string().min(1).default('127.0.0.1'),
		ORIGIN: httpUrl.optional(),
		PUBLIC_BASE_URL: httpUrl.optional(),
		DATA_DIR: z.string().min(1).default('./data'),
		CONTENT_DIR: z.string().min(1).default('./content'),
		DATABASE_URL: postgresUrl.optional(),
		EMBEDDED_PG_PORT: port.optional(),
		DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
		SMTP_URL: z
			.string()
			.refine((value) => /^smtps?:\/\/.+/.test(value), 'an smtp:// or smtps:// URL')
			.optional(),
		MAIL_FROM: z.string().min(3).default('Herstelpad <no-reply@herstelpad.local>'),
		LOG_LEVEL: z.enum(logLevels).default('info'),
		DEMO: z.enum(['on', 'off']).default('on'),
		/** The demo organisation's lived-in history (demo/history.ts), added on the first start. */
		DEMO_HISTORY: z.enum(['on', 'off']).default('on'),
		AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
		SIGN_IN_LIMIT_PER_IP: z.coerce
			.number()
			.int('a whole number from 1 to 100000')
			.min(1, 'a whole number from 1 to 100000')
			.max(100_000, 'a whole number from 1 to 100000')
			.default(50),
		SESSION_IDLE_MINUTES_STAFF: minutes(30, 24 * 60),
		SESSION_IDLE_MINUTES_PARTICIPANT: minutes(12 * 60, 30 * 24 * 60),
		SESSION_MAX_HOURS_STAFF: minutes(12, 24 * 7),
		SESSION_MAX_HOURS_PARTICIPANT: minutes(14 * 24, 90 * 24),
		MEDIA_MAX_MB: z.coerce
			.number()
			.int('a whole number of megabytes from 1 to 10000')
			.min(1, 'a whole number of megabytes from 1 to 10000')
			.max(10_000, 'a whole number of megabytes from 1 to 10000')
			.default(500),
		REMINDERS: z.enum(['on', 'off']).default('on'),
		/** How long a live stream stays open before the browser reconnects (and its access is checked again). */
		LIVE_STREAM_SECONDS: z.coerce
			.number()
			.int('a whole number of seconds from 1 to 3600')
			.min(1, 'a whole number of seconds from 1 to 3600')
			.max(3600, 'a whole number of seconds from 1 to 3600')
			.default(300),
		/** The bearer token that opens GET /metrics (Prometheus); without it /metrics does not exist. */
		METRICS_TOKEN: z
			.string()
			.min(32, 'at least 32 characters')
			.refine((value) => /^[\w.~+/-]+=*$/.test(value), 'letters, digits and - . _ ~ + / only')
			.optional()
	})
	.transform((env) => {
		const origin = env.ORIGIN ?? `http://localhost:${env.PORT}`;
		return {
			nodeEnv: env.NODE_ENV,
			port: env.PORT,
			host: env.HOST,
			origin,
			publicBaseUrl: env.PUBLIC_BASE_URL ?? origin,
			secureCookies: new URL(env.PUBLIC_BASE_URL ?? origin).protocol === 'https:',
			dataDir: path.resolve(env.DATA_DIR),
			contentDir: path.resolve(env.CONTENT_DIR),
			databaseUrl: env.DATABASE_URL,
			embeddedPgPort: env.EMBEDDED_PG_PORT,
			databasePoolSize: env.DATABASE_POOL_SIZE,
			smtpUrl: env.SMTP_URL,
			mailFrom: env.MAIL_FROM,
			logLevel: env.LOG_LEVEL,
			demo: env.DEMO === 'on',
			demoHistory: env.DEMO_HISTORY === 'on',
			authSecret: env.AUTH_SECRET,
			signInLimitPerIp: env.SIGN_IN_LIMIT_PER_IP,
			mediaMaxBytes: env.MEDIA_MAX_MB * 1024 * 1024,
			reminders: env.REMINDERS === 'on',
			liveStreamMs: env.LIVE_STREAM_SECONDS * 1000,
			metricsToken: env.METRICS_TOKEN,
			sessionTimes: {
				staff: {
					idleMs: env.SESSION_IDLE_MINUTES_STAFF * 60_000,
					absoluteMs: env.SESSION_MAX_HOURS_STAFF * 3_600_000
				},
				participant: {
					idleMs: env.SESSION_IDLE_MINUTES_PARTICIPANT * 60_000,
					absoluteMs: env.SESSION_MAX_HOURS_PARTICIPANT * 3_600_000
				}
			}
		};
	});

export type Config = z.infer<typeof schema>;

/** Thrown when the environment is invalid; `message` is the one line to show. */
export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError naming the first bad variable and what is allowed. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	// Empty strings count as "not set", as in most deployment tools.
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const result = schema.safeParse(cleaned);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const variable = String(issue?.path[0] ?? 'environment');
	throw new ConfigError(`Invalid ${variable}: expected ${describeIssue(issue)}.`);
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
	if (!issue) return 'a valid value';
	if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
	if (issue.code === 'invalid_type') return `a ${issue.expected}`;
	return issue.message;
}

let current: Config | undefined;

/** The configuration of this process, parsed on first use. */
export function config(): Config {
	current ??= parseConfig(process.env);
	return current;
}
