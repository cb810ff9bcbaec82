/**
 * GET /metrics as Prometheus and a stranger meet it: the built app in a process of its own with
 * METRICS_TOKEN set. Without the token, or with a wrong one, it is a page that does not exist.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApp, stopApp, waitFor, type AppProcess } from '../helpers/app';

const TOKEN = 'metrics-test-token-0123456789abcdefghij';
let app: AppProcess;

beforeAll(async () => {
	app = await spawnApp({ DEMO: 'off', METRICS_TOKEN: TOKEN });
	await waitFor(app, '/readyz');
}, 120_000);

afterAll(async () => {
	if (!app) return;
	await stopApp(app);
	await fs.rm(app.dataDir, { recursive: true, force: true });
});

const scrape = (authorization?: string) =>
	fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one series in a scrape, or undefined when it is not there. */
function valueOf(text: string, series: string): number | undefined {
	const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A page with what differs in every answer (the script nonce, the error id of handleError) made the same. */
function sameEachTime(page: string): string {
	const ids = new Set([...page.matchAll(/errorId:"([\w-]+)"/g)].map(([, id]) => id ?? ''));
	for (const id of ids) page = page.replaceAll(id, 'ERROR-ID');
	return page.replaceAll(/nonce="[^"]*"/g, 'nonce="NONCE"');
}

describe('GET /metrics', () => {
	it('answers 404, as an unknown page does, without the token or with a wrong one', async () => {
		// The same answer, byte for byte, as for a path that is no page (but for its name and what differs
		// in every answer).
		const unknown = await fetch(`${app.url}/metricz`);
		expect(unknown.status).toBe(404);
		const unknownPage = sameEachTime(await unknown.text()).replaceAll('metricz', 'metrics');
		const wrong = TOKEN.slice(0, -1) + (TOKEN.endsWith('j') ? 'k' : 'j');
		for (const authorization of [undefined, `Bearer ${wrong}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
			const answer = await scrape(authorization);
			expect(answer.status, String(authorization)).toBe(404);
			expect(answer.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
			expect(sameEachTime(await answer.text())).toBe(unknownPage);
		}
	});

	it('shows Prometheus the request, pool, queue and SSE figures with the token', async () => {
		const healthzSeries = 'herstelpad_http_requests_total{route="/healthz",method="GET",status="2xx"}';
		const before = valueOf(await (await scrape(`Bearer ${TOKEN}`)).text(), healthzSeries) ?? 0;
		for (let i = 0; i < 3; i++) expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		expect((await scrape()).status).toBe(404);
		// A page behind sign-in, asked for with an id in its path: counted under its route pattern.
		await fetch(`${app.url}/beheer/groepen/00000000-0000-4000-8000-000000000000`, { redirect: 'manual' });

		const answer = await scrape(`bearer ${TOKEN}`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await answer.text();
		expect(valueOf(text, healthzSeries)).toBe(before + 3);
		expect(text).toMatch(
			/^herstelpad_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="2xx"\} \d+$/m
		);
		expect(text).toMatch(
			/^herstelpad_http_requests_total\{route="\/\(admin\)\/beheer\/groepen\/\[groep\]",/m
		);
		expect(
			valueOf(text, 'herstelpad_http_requests_total{route="unmatched",method="GET",status="4xx"}')
		).toBeGreaterThanOrEqual(1);
		// The scrape before this one, under the path's own name.
		expect(
			valueOf(text, 'herstelpad_http_requests_total{route="/metrics",method="GET",status="2xx"}')
		).toBeGreaterThanOrEqual(1);
		// No label holds a path with an id in it.
		expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

		expect(valueOf(text, 'herstelpad_db_pool_clients{state="total"}')).toBeGreaterThan(0);
		expect(valueOf(text, 'herstelpad_db_pool_clients{state="waiting"}')).toBe(0);
		expect(valueOf(text, 'herstelpad_db_pool_max_clients')).toBe(10);
		expect(
			valueOf(text, 'herstelpad_job_queue_jobs{queue="mail-send",state="queued"}')
		).toBeGreaterThanOrEqual(0);
		expect(
			valueOf(text, 'herstelpad_job_queue_jobs{queue="reminder-send",state="active"}')
		).toBeGreaterThanOrEqual(0);
		expect(valueOf(text, 'herstelpad_job_queue_read_age_seconds')).toBeLessThan(15);
		expect(valueOf(text, 'herstelpad_sse_streams_open{stream="live"}')).toBe(0);
		expect(valueOf(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
	});
});
