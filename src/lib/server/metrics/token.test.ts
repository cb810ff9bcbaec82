import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerToken, isMetricsScrape, mayReadMetrics, tokenMatches } from './token';

const TOKEN = 'k9Vd2-pQ_x7~Lm.3+/Zr8sT0uW1yA4bC6eF';

/** RFC 6750 token68 texts: the only tokens METRICS_TOKEN allows. */
const token68 = fc
	.tuple(
		fc.string({ unit: fc.constantFrom(...'abcXYZ0189-._~+/'.split('')), minLength: 1, maxLength: 80 }),
		fc.string({ unit: fc.constant('='), maxLength: 2 })
	)
	.map(([body, padding]) => body + padding);

describe('bearerToken', () => {
	it.each([
		['Bearer abc', 'abc'],
		['bearer abc', 'abc'],
		['BEARER   abc  ', 'abc'],
		['Bearer abc==', 'abc=='],
		[null, null],
		['', null],
		['Bearer', null],
		['Bearer ', null],
		['Basic YWxhZGRpbjpvcGVu', null],
		['Bearer a b', null],
		['Bearer =abc', null],
		['Bearer\tabc', null],
		['Bearerabc', null]
	])('reads %j as %j', (header, token) => {
		expect(bearerToken(header)).toBe(token);
	});

	it('gives back any token68 sent with the scheme in any case and any spacing', () => {
		fc.assert(
			fc.property(
				token68,
				fc.constantFrom('Bearer', 'bearer', 'BEARER', 'bEaReR'),
				fc.integer({ min: 1, max: 4 }),
				fc.integer({ min: 0, max: 3 }),
				(token, scheme, before, after) => {
					expect(bearerToken(`${scheme}${' '.repeat(before)}${token}${' '.repeat(after)}`)).toBe(token);
				}
			)
		);
	});

	it('never throws, and what it returns is a token68 that was in the header', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.string().map((rest) => `Bearer ${rest}`)
				),
				(header) => {
					const token = bearerToken(header);
					if (token === null) return;
					expect(token).toMatch(/^[\w.~+/-]+=*$/);
					expect(header).toContain(token);
				}
			)
		);
	});

	it('refuses a header longer than any real token, without reading it', () => {
		expect(bearerToken(`Bearer ${'a'.repeat(2000)}`)).toBeNull();
	});
});

describe('tokenMatches and mayReadMetrics', () => {
	it('accepts exactly the expected token', () => {
		expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
		expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
		expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
		expect(tokenMatches('', TOKEN)).toBe(false);
	});

	it('refuses any other token', () => {
		fc.assert(
			fc.property(token68, (other) => {
				fc.pre(other !== TOKEN);
				expect(mayReadMetrics(`Bearer ${other}`, TOKEN)).toBe(false);
			})
		);
	});

	it('lets nobody in while no token is set', () => {
		expect(mayReadMetrics(`Bearer ${TOKEN}`, undefined)).toBe(false);
		expect(mayReadMetrics('Bearer ', '')).toBe(false);
	});

	it('lets the right header in, and nothing but a Bearer header', () => {
		expect(mayReadMetrics(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
		expect(mayReadMetrics(TOKEN, TOKEN)).toBe(false);
		expect(mayReadMetrics(`Basic ${TOKEN}`, TOKEN)).toBe(false);
		expect(mayReadMetrics(null, TOKEN)).toBe(false);
	});
});

describe('isMetricsScrape', () => {
	const request = (method: string, authorization?: string) =>
		new Request('http://localhost/metrics', { method, headers: authorization ? { authorization } : {} });

	it('is a GET of /metrics with the right token, and nothing else', () => {
		expect(isMetricsScrape(request('GET', `Bearer ${TOKEN}`), '/metrics', TOKEN)).toBe(true);
		expect(isMetricsScrape(request('HEAD', `Bearer ${TOKEN}`), '/metrics', TOKEN)).toBe(false);
		expect(isMetricsScrape(request('POST', `Bearer ${TOKEN}`), '/metrics', TOKEN)).toBe(false);
		expect(isMetricsScrape(request('GET', `Bearer ${TOKEN}`), '/metrics/', TOKEN)).toBe(false);
		expect(isMetricsScrape(request('GET', `Bearer ${TOKEN}`), '/healthz', TOKEN)).toBe(false);
		expect(isMetricsScrape(request('GET'), '/metrics', TOKEN)).toBe(false);
		expect(isMetricsScrape(request('GET', `Bearer ${TOKEN}`), '/metrics', undefined)).toBe(false);
	});
});
