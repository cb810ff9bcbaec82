/**
 * Who may read /metrics: whoever sends `Authorization: Bearer <METRICS_TOKEN>`. hooks.server.ts
 * answers those requests itself; every other request for /metrics goes on to SvelteKit, which finds no
 * route and answers with its page-not-found, byte for byte as for any unknown page: the endpoint's
 * existence is not given away.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The path Prometheus scrapes (answered in hooks.server.ts, not by a file under src/routes). */
export const METRICS_PATH = '/metrics';

/** RFC 6750 `Bearer` credentials: the scheme (any case), one or more spaces, a token68. */
const BEARER = /^bearer +([\w.~+/-]+=*) *$/i;

/** The token in an Authorization header, or null when the header holds no Bearer token. */
export function bearerToken(header: string | null): string | null {
	if (!header || header.length > 1024) return null;
	return BEARER.exec(header)?.[1] ?? null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether `given` is the expected token, in time that does not depend on where they differ:
 * comparing fixed-length digests also hides the expected token's length.
 */
export function tokenMatches(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected));
}

/** Whether a request with this Authorization header may read the metrics (never without a token set). */
export function mayReadMetrics(header: string | null, expected: string | undefined): boolean {
	if (!expected) return false;
	const given = bearerToken(header);
	return given !== null && tokenMatches(given, expected);
}

/** Whether this request is a scrape to answer with the figures: GET /metrics with the right token. */
export function isMetricsScrape(request: Request, pathname: string, expected: string | undefined): boolean {
	return (
		pathname === METRICS_PATH &&
		request.method === 'GET' &&
		mayReadMetrics(request.headers.get('authorization'), expected)
	);
}
