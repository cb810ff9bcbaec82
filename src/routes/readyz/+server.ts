import { readiness } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Readiness: 200 when the database answers and migrations are current, else 503. */
export const GET: RequestHandler = async () => {
	const checks = await readiness();
	const ok = checks.database && checks.migrations;
	return new Response(JSON.stringify({ status: ok ? 'ready' : 'not ready', ...checks }), {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
