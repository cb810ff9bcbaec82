import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricsText, recordRequest, requestLabels } from './registry';

describe('requestLabels', () => {
	it.each([
		[
			['/(trainer)/trainer/groepen/[groep]', 'GET', 200],
			['/(trainer)/trainer/groepen/[groep]', 'GET', '2xx']
		],
		[
			['/inloggen', 'POST', 303],
			['/inloggen', 'POST', '3xx']
		],
		[
			[null, 'GET', 404],
			['unmatched', 'GET', '4xx']
		],
		[
			['/readyz', 'PROPFIND', 503],
			['/readyz', 'other', '5xx']
		],
		[
			['/readyz', 'get', 200],
			['/readyz', 'other', '2xx']
		],
		[
			['/healthz', 'GET', 0],
			['/healthz', 'GET', 'other']
		]
	] as const)('labels %j as %j', ([route, method, status], [labelRoute, labelMethod, labelStatus]) => {
		expect(requestLabels(route, method, status)).toEqual({
			route: labelRoute,
			method: labelMethod,
			status: labelStatus
		});
	});

	it('keeps the labels to a bounded set whatever the method and status', () => {
		fc.assert(
			fc.property(fc.string(), fc.integer(), (method, status) => {
				const labels = requestLabels('/healthz', method, status);
				expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other']).toContain(
					labels.method
				);
				expect(labels.status).toMatch(/^([1-5]xx|other)$/);
			})
		);
	});
});

describe('the registry', () => {
	it('counts requests by route pattern, and shows every figure family', async () => {
		const route = '/(participant)/doelen/[doel]';
		recordRequest(route, 'GET', 200, 0.012);
		recordRequest(route, 'GET', 204, 0.003);
		recordRequest(route, 'POST', 500, 0.2);
		const { body, contentType } = await metricsText();
		expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
		expect(body).toContain(`herstelpad_http_requests_total{route="${route}",method="GET",status="2xx"} 2`);
		expect(body).toContain(`herstelpad_http_requests_total{route="${route}",method="POST",status="5xx"} 1`);
		expect(body).toContain(
			`herstelpad_http_request_duration_seconds_bucket{le="0.005",route="${route}",method="GET",status="2xx"} 1`
		);
		expect(body).toContain(
			`herstelpad_http_request_duration_seconds_count{route="${route}",method="GET",status="2xx"} 2`
		);
		// Without a running database (this test has none) the pool reads as empty and the queues are left out.
		expect(body).toContain('herstelpad_db_pool_clients{state="waiting"} 0');
		expect(body).toContain('herstelpad_sse_streams_open{stream="live"} 0');
		expect(body).toContain('process_resident_memory_bytes');
		expect(body).toContain('nodejs_eventloop_lag_seconds');
	});
});
