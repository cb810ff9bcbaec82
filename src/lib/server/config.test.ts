import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
	it('has working defaults for a fresh machine', () => {
		const config = parseConfig({});
		expect(config).toMatchObject({
			port: 3000,
			origin: 'http://localhost:3000',
			demo: true,
			logLevel: 'info',
			secureCookies: false
		});
		expect(config.databaseUrl).toBeUndefined();
	});

	it('derives the origin from PORT and marks https origins for secure cookies', () => {
		expect(parseConfig({ PORT: '8080' }).origin).toBe('http://localhost:8080');
		expect(parseConfig({ ORIGIN: 'https://herstelpad.example' }).secureCookies).toBe(true);
	});

	it.each([
		[{ PORT: 'abc' }, 'Invalid PORT: expected a number.'],
		[{ PORT: '70000' }, 'Invalid PORT: expected a whole number from 1 to 65535.'],
		[{ DEMO: 'yes' }, 'Invalid DEMO: expected one of on, off.'],
		[
			{ LOG_LEVEL: 'loud' },
			'Invalid LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent.'
		],
		[{ DATABASE_URL: 'mysql://x' }, 'Invalid DATABASE_URL: expected a postgres:// or postgresql:// URL.'],
		[{ ORIGIN: 'localhost:3000' }, 'Invalid ORIGIN: expected an http(s):// URL.'],
		[{ SMTP_URL: 'http://mail' }, 'Invalid SMTP_URL: expected an smtp:// or smtps:// URL.'],
		[{ AUTH_SECRET: 'short' }, 'Invalid AUTH_SECRET: expected at least 32 characters.'],
		[{ METRICS_TOKEN: 'short' }, 'Invalid METRICS_TOKEN: expected at least 32 characters.'],
		[
			{ METRICS_TOKEN: 'a token with spaces that is long enough' },
			'Invalid METRICS_TOKEN: expected letters, digits and - . _ ~ + / only.'
		]
	])('refuses %o with one line naming the variable', (env, message) => {
		expect(() => parseConfig(env)).toThrow(new ConfigError(message));
	});

	it('leaves /metrics closed unless METRICS_TOKEN is set', () => {
		expect(parseConfig({}).metricsToken).toBeUndefined();
		const token = 'k9Vd2-pQ_x7~Lm.3+/Zr8sT0uW1yA4bC6eF';
		expect(parseConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
	});

	it('treats empty values as unset', () => {
		expect(parseConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
	});

	it('either accepts a PORT or names PORT in a single line, for any text', () => {
		fc.assert(
			fc.property(fc.string(), (value) => {
				try {
					const port = parseConfig({ PORT: value }).port;
					expect(Number.isInteger(port) && port >= 1 && port <= 65535).toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(ConfigError);
					expect((error as Error).message).toMatch(/^Invalid PORT: expected [^\n]+\.$/);
				}
			})
		);
	});
});
