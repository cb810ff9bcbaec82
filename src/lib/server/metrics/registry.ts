/**
 * The figures /metrics shows Prometheus: HTTP requests, the database pool, the job queues, the open
 * SSE streams, and Node's process figures. One registry per process; request figures are counted in
 * hooks.server.ts, the rest is read when Prometheus asks (collect), so nothing runs between scrapes.
 *
 * Labels never hold a URL, an id or anything about a person: a route id is the route's pattern
 * (`/trainer/groepen/[groep]`), a method one of a fixed few, a status its class.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { liveHub } from '../live/hub';
import { runtime } from '../runtime';
import { QueueSizeCache, readQueueSizes } from './queues';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RequestLabels {
	route: string;
	method: string;
	status: string;
}

/**
 * The labels of one request. A request no route matched counts as `unmatched` (its path could hold
 * anything), an unknown method as `other`: both keep the number of series bounded whatever is sent.
 */
export function requestLabels(routeId: string | null, method: string, status: number): RequestLabels {
	return {
		route: routeId ?? 'unmatched',
		method: METHODS.has(method) ? method : 'other',
		status: status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other'
	};
}

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
	name: 'herstelpad_http_requests_total',
	help: 'HTTP requests answered, by route pattern, method and status class.',
	labelNames: ['route', 'method', 'status'] as const,
	registers: [registry]
});

const durations = new Histogram({
	name: 'herstelpad_http_request_duration_seconds',
	help: 'Time until the response started (headers ready; a stream counts until it opened), by route pattern, method and status class.',
	labelNames: ['route', 'method', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

interface RequestSeries {
	count: ReturnType<typeof requests.labels>;
	duration: ReturnType<typeof durations.labels>;
}

/**
 * The series of each label set, found once: prom-client would otherwise sort and join the labels
 * into a key on every request. Bounded by routes × methods × status classes.
 */
const seriesByKey = new Map<string, RequestSeries>();

/** Counts one answered request and the time it took (seconds). */
export function recordRequest(routeId: string | null, method: string, status: number, seconds: number): void {
	const key = `${routeId}\n${method}\n${status}`;
	let series = seriesByKey.get(key);
	if (!series) {
		const labels = requestLabels(routeId, method, status);
		series = { count: requests.labels(labels), duration: durations.labels(labels) };
		seriesByKey.set(key, series);
	}
	series.count.inc();
	series.duration.observe(seconds);
}

new Gauge({
	name: 'herstelpad_db_pool_clients',
	help: 'Clients of the database pool: total open, idle, and requests waiting for one.',
	labelNames: ['state'] as const,
	registers: [registry],
	collect() {
		const pool = runtime()?.database.pool;
		this.set({ state: 'total' }, pool?.totalCount ?? 0);
		this.set({ state: 'idle' }, pool?.idleCount ?? 0);
		this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
	}
});

new Gauge({
	name: 'herstelpad_db_pool_max_clients',
	help: 'The most clients the database pool opens (DATABASE_POOL_SIZE).',
	registers: [registry],
	collect() {
		const pool = runtime()?.database.pool;
		this.set(pool?.options.max ?? 0);
	}
});

const queueSizes = new QueueSizeCache(readQueueSizes);

new Gauge({
	name: 'herstelpad_job_queue_jobs',
	help: 'Jobs of each pg-boss queue not yet done: queued (due), deferred (due later) and active. Read at most every 15 s.',
	labelNames: ['queue', 'state'] as const,
	registers: [registry],
	async collect() {
		const pool = runtime()?.database.pool;
		if (!pool) return;
		const { sizes } = await queueSizes.current(pool);
		for (const size of sizes) this.set({ queue: size.queue, state: size.state }, size.jobs);
	}
});

new Gauge({
	name: 'herstelpad_job_queue_read_age_seconds',
	help: 'How old the job-queue figures are (they are read at most every 15 s; a high value means reading fails).',
	registers: [registry],
	async collect() {
		const pool = runtime()?.database.pool;
		if (pool) this.set((await queueSizes.current(pool)).ageSeconds);
	}
});

new Gauge({
	name: 'herstelpad_sse_streams_open',
	help: 'Server-sent-event streams open on this instance, by stream.',
	labelNames: ['stream'] as const,
	registers: [registry],
	collect() {
		this.set({ stream: 'live' }, liveHub.size);
	}
});

/** The registry in Prometheus's text format, with its content type. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
	return { body: await registry.metrics(), contentType: registry.contentType };
}

/** The answer to a scrape (whoever asks has shown the token: token.ts). */
export async function metricsResponse(): Promise<Response> {
	const { body, contentType } = await metricsText();
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
