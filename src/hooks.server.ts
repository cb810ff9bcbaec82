import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import {
	baseLocale,
	cookieName,
	isLocale,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import { canEnter } from '$lib/domain/policy';
import { errorPageTexts } from '$lib/error-page-texts';
import { formErrorTexts } from '$lib/form-error-texts';
import { lazyTexts } from '$lib/lazy-texts.svelte';
import { TEXT_SIZE_COOKIE, textSizeOf } from '$lib/text-size';
import { keepDraft } from '$lib/server/auth/drafts';
import { addDraftKey } from '$lib/server/offline/header';
import { hasWaitingDrafts, storeWaitingDrafts } from '$lib/server/auth/waiting-drafts';
import { tokenHash } from '$lib/server/auth/secret-box';
import {
	hasRequiredFactors,
	isWellFormedToken,
	lookupSession,
	sessionCookieName,
	type SessionLookup
} from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/client';
import { areaOfRoute, recordDenied } from '$lib/server/auth/guard';
import { courseEndedOn, writableAfterCourse } from '$lib/server/privacy/course-end';
import { config, ConfigError } from '$lib/server/config';
import { ContentError } from '$lib/server/curriculum/parse';
import { DatabaseStartError } from '$lib/server/db/embedded';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '$lib/server/db/unavailable';
import { fillHtmlTag } from '$lib/server/html-tag';
import { logger, requestLogger } from '$lib/server/log';
import { liveHub } from '$lib/server/live/hub';
import { metricsResponse, recordRequest } from '$lib/server/metrics/registry';
import { isMetricsScrape, METRICS_PATH } from '$lib/server/metrics/token';
import { answerUnavailable, DATABASE_UNAVAILABLE } from '$lib/server/pages/unavailable';
import {
	appServices,
	currentDb,
	runtime,
	startRuntime,
	startupNotes,
	stopRuntime
} from '$lib/server/runtime';

// Pages render form errors and the error page on the server with every text at hand; the browser loads
// these texts only when it needs them (src/lib/lazy-texts.svelte.ts, src/hooks.client.ts).
lazyTexts.formErrors = formErrorTexts;
lazyTexts.errorPage = errorPageTexts;

/** Runs once before the first request: configuration, database, migrations, demo data. */
export const init: ServerInit = async () => {
	try {
		const settings = config();
		logger.level = settings.logLevel;
		await startRuntime(settings);
	} catch (error) {
		if (
			error instanceof ConfigError ||
			error instanceof DatabaseStartError ||
			error instanceof ContentError
		) {
			// One clear line for the person starting the app; no stack trace.
			console.error(`Herstelpad cannot start: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
	// scripts/serve.js calls this after the HTTP server has stopped taking requests, and prints the notes.
	const shared = globalThis as Record<symbol, unknown>;
	shared[Symbol.for('herstelpad.shutdown')] = stopRuntime;
	// Called first on shutdown: open live streams end at once, so their browsers reconnect elsewhere.
	shared[Symbol.for('herstelpad.drain')] = () => liveHub.endAll();
	shared[Symbol.for('herstelpad.startupNotes')] = startupNotes();
};

type RequestEvent = Parameters<Handle>[0]['event'];

/** Requests SvelteKit would answer with a 500 although the fault is in the request. */
function isMalformed(event: RequestEvent): boolean {
	// "?/default" names the reserved default action, which SvelteKit refuses with an exception.
	return event.request.method === 'POST' && event.url.searchParams.has('/default');
}

/**
 * Request bodies: 1 MB at most, except video uploads (up to MEDIA_MAX_MB, checked while streaming)
 * and a trainer's file for their group (10 MB and a little for the form around it).
 */
const SMALL_BODY_LIMIT = 1024 * 1024;
const BODY_LIMITS: Record<string, number | undefined> = {
	'/(admin)/beheer/media/upload': Infinity,
	'/(trainer)/trainer/groepen/[groep]/cursus/[nummer]': 11 * 1024 * 1024
};
function isTooLarge(event: RequestEvent): boolean {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	return length > (BODY_LIMITS[event.route.id ?? ''] ?? SMALL_BODY_LIMIT);
}

/** Request ids: unique per process start and request, without drawing random bytes for each one. */
const instanceId = randomUUID().slice(0, 8);
let requestCount = 0;
function nextRequestId(): string {
	requestCount = (requestCount + 1) % Number.MAX_SAFE_INTEGER;
	return `${instanceId}-${requestCount.toString(36)}`;
}

/**
 * The longest preload `Link` header a page keeps. SvelteKit lists every file a page needs there as
 * well as in its <head>; on a page with many small message files it outgrows what clients and proxies
 * accept (Node's 16 KB, nginx's 4–8 KB buffer), and the response is lost. The <head> holds the same
 * preloads, so a long header is simply left out.
 */
const MAX_LINK_HEADER = 4096;

function securityHeaders(headers: Headers, event: RequestEvent): void {
	if ((headers.get('link')?.length ?? 0) > MAX_LINK_HEADER) headers.delete('link');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (config().secureCookies) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// Pages of a signed-in person hold their data: never keep them in a (shared) cache.
	// (Media set their own private cache rule.)
	if ((event.locals.actor || event.locals.sessionId) && !headers.has('cache-control'))
		headers.set('cache-control', 'no-store');
}

// Paraglide's own middleware clones every Request to support URL-based locales; we only use the
// cookie. The request's locale lives in `event.locals` and Paraglide reads it through SvelteKit's own
// request store (getRequestEvent), so no second AsyncLocalStorage runs on this hot path.
overwriteServerAsyncLocalStorage({
	getStore: () => {
		try {
			return getRequestEvent().locals.i18n;
		} catch {
			return undefined; // outside a request (jobs, start-up): messages take an explicit locale
		}
	},
	run: (_store, callback) => callback()
} as Parameters<typeof overwriteServerAsyncLocalStorage>[0]);

/**
 * Every request, in order: a request id and logger; refuse malformed or oversized requests; the
 * language; who is asking (the session cookie); whether they may (authorization); then the page or
 * endpoint. One handle rather than a `sequence` of four: each step of a sequence costs SvelteKit a
 * traced copy of the event, its own request store and a chained page transform on every request.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const { locals } = event;
	const incoming = event.request.headers.get('x-request-id');
	locals.requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : nextRequestId();
	locals.log = requestLogger(locals.requestId);
	locals.actor = null;
	locals.sessionId = null;
	locals.session = null;
	locals.pendingSecondFactor = null;
	Object.defineProperty(locals, 'db', { get: currentDb, configurable: true, enumerable: false });
	locals.app = appServices;
	const started = performance.now();
	// Prometheus with METRICS_TOKEN: answered here, without a session. Without the token /metrics is
	// no route at all, and SvelteKit answers as for any unknown page (metrics/token.ts).
	const scrape = isMetricsScrape(event.request, event.url.pathname, config().metricsToken);
	const route = scrape ? METRICS_PATH : event.route.id;
	const response = scrape
		? await metricsResponse()
		: unavailableAsSuch(
				event,
				await answer(event, resolve)
					.catch(databaseAway(event))
					.catch((error: unknown) => {
						// SvelteKit answers 500 for what escapes here: count it as such.
						recordRequest(route, event.request.method, 500, (performance.now() - started) / 1000);
						throw error;
					})
			);
	securityHeaders(response.headers, event);
	addDraftKey(response.headers, locals);
	response.headers.set('x-request-id', locals.requestId);
	recordRequest(route, event.request.method, response.status, (performance.now() - started) / 1000);
	if (logger.isLevelEnabled('debug')) {
		locals.log.debug(
			{
				method: event.request.method,
				route: event.route.id,
				status: response.status,
				ms: Math.round(performance.now() - started)
			},
			'request'
		);
	}
	return response;
};

/** A request that failed because the database is away answers 503 with Retry-After, not 500. */
function unavailableAsSuch(event: RequestEvent, response: Response): Response {
	if (response.status === 500 && event.locals.databaseUnavailable) {
		response = new Response(response.body, { status: 503, headers: response.headers });
	}
	if (response.status === 503) response.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	return response;
}

/** The database went away while this hook itself used it (session lookup, kept form, refusal log). */
function databaseAway(event: RequestEvent): (error: unknown) => Response {
	return (error) => {
		if (!isDatabaseUnavailable(error)) throw error;
		event.locals.log.warn({ err: String(error) }, 'database not reachable');
		return new Response('Service Unavailable', { status: 503 });
	};
}

// Routes that need no database, also for a signed-in person while it is away.
const WITHOUT_DATABASE = new Set(['/healthz', '/readyz', '/taal', '/tekstgrootte']);

async function answer(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	if (isMalformed(event)) return new Response('Bad Request', { status: 400 });
	if (isTooLarge(event)) return new Response('Payload Too Large', { status: 413 });
	const chosen = event.cookies.get(cookieName);
	const locale: Locale = chosen && isLocale(chosen) ? chosen : baseLocale;
	const textSize = textSizeOf(event.cookies.get(TEXT_SIZE_COOKIE));
	event.locals.i18n = { locale };
	// A session the cache knows needs no waiting (the common case on every signed-in page).
	const pending = authenticate(event);
	if (pending) await pending;
	// Signed in, perhaps, but the session cannot be checked: not "signed out" (no 401, no sign-in
	// page). Page loads answer 503 themselves (requireActor), with the app's error page.
	if (event.locals.sessionUnchecked && !WITHOUT_DATABASE.has(event.route.id ?? '') && !isPageRequest(event)) {
		return answerUnavailable(
			event,
			event.cookies.get(sessionCookieName(config().secureCookies)) ?? '',
			locale
		);
	}
	const refusal = await authorize(event);
	if (refusal) return refusal;
	return resolve(event, { transformPageChunk: ({ html }) => fillHtmlTag(html, locale, textSize) });
}

/** Who is asking: the session behind the cookie, if any, into `event.locals`. */
function authenticate(event: RequestEvent): Promise<void> | undefined {
	const ready = runtime();
	const settings = config();
	const cookieName = sessionCookieName(settings.secureCookies);
	const token = event.cookies.get(cookieName);
	if (!isWellFormedToken(token)) return undefined;
	if (!ready) {
		event.locals.sessionUnchecked = true;
		return undefined;
	}
	const found = lookupSession(ready.database.db, token, settings.sessionTimes);
	if (!(found instanceof Promise)) return settle(event, found, token, cookieName, ready.database.db);
	return found.then(
		(result) => settle(event, result, token, cookieName, ready.database.db),
		(error: unknown) => {
			if (!isDatabaseUnavailable(error)) throw error;
			event.locals.sessionUnchecked = true;
		}
	);
}

function settle(
	event: RequestEvent,
	found: SessionLookup,
	token: string,
	cookieName: string,
	db: Db
): Promise<void> | undefined {
	// Forms sent while the database was away wait for this session: now they become kept drafts.
	if (found.state !== 'none' && hasWaitingDrafts()) {
		const userId = found.state === 'live' ? found.actor.userId : found.userId;
		return storeWaitingDrafts(db, event.cookies, tokenHash(token), userId).then(() =>
			settleSession(event, found, cookieName, db)
		);
	}
	return settleSession(event, found, cookieName, db);
}

function settleSession(
	event: RequestEvent,
	found: SessionLookup,
	cookieName: string,
	db: Db
): Promise<void> | undefined {
	if (found.state === 'live') {
		event.locals.sessionId = found.session.id;
		if (hasRequiredFactors(found.actor, found.session)) {
			event.locals.actor = found.actor;
			event.locals.session = found.session;
		} else {
			event.locals.pendingSecondFactor = found.actor;
		}
		return undefined;
	}
	event.cookies.delete(cookieName, { path: '/', secure: config().secureCookies });
	if (found.state === 'ended' && areaOfRoute(event.route.id) !== 'public') {
		// The session timed out while a form was being filled in: keep what was typed (WCAG 2.2.1).
		return keepDraft(db, event, found.userId);
	}
	return undefined;
}

/**
 * Defence in depth for every request, including form actions and endpoints (which run no layout
 * load): anonymous users go to the sign-in page, other roles are refused. Page loads refuse too
 * (requireArea), which renders the translated 403 page; here non-page requests get a plain 403.
 * Returns the refusal, or nothing when the request may go on.
 */
function authorize(event: RequestEvent): Response | Promise<Response | undefined> | undefined {
	const area = areaOfRoute(event.route.id);
	if (area === 'public') return undefined;
	const { actor } = event.locals;
	if (isPageRequest(event)) return undefined;
	if (!actor) return new Response('Unauthorized', { status: 401 });
	if (!canEnter(actor, area)) return refuse(event.locals, actor, event.url.pathname);
	if (area === 'participant' && event.request.method === 'POST' && !writableAfterCourse(event.route.id))
		return readOnlyAfterCourse(event, actor.personId);
	return undefined;
}

/**
 * After the course the participant's screens are read-only (privacy/course-end.ts): a form sent then
 * goes to the workbook page, which says so (an enhanced form gets the same redirect as its result).
 */
async function readOnlyAfterCourse(event: RequestEvent, personId: string): Promise<Response | undefined> {
	if (!(await courseEndedOn(event.locals.db, personId))) return undefined;
	const location = '/werkboek?afgelopen';
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return new Response(JSON.stringify({ type: 'redirect', status: 303, location }), {
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	return new Response(null, { status: 303, headers: { location } });
}

/** A page or its data (GET/HEAD for HTML or __data.json): its loads check the area themselves. */
function isPageRequest(event: RequestEvent): boolean {
	return (
		(event.request.method === 'GET' || event.request.method === 'HEAD') &&
		(event.isDataRequest || (event.request.headers.get('accept') ?? '').includes('text/html'))
	);
}

async function refuse(locals: App.Locals, actor: NonNullable<App.Locals['actor']>, pathname: string) {
	await recordDenied(locals.db, actor, pathname);
	return new Response('Forbidden', { status: 403 });
}

/** Unexpected errors: log the details with an id, show the user only the id. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = randomUUID().slice(0, 8);
	if (isDatabaseUnavailable(error)) {
		// Not a bug: the database is away. handle() turns the 500 into a 503 with Retry-After.
		event.locals.databaseUnavailable = true;
		(event.locals.log ?? logger).warn({ err: String(error), errorId }, 'database not reachable');
		return { message: DATABASE_UNAVAILABLE, errorId };
	}
	if (status >= 500) {
		(event.locals.log ?? logger).error({ err: error, errorId, route: event.route.id }, 'unexpected error');
	}
	return { message, errorId };
};
