/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Herstelpad's service worker (docs/offline.md): keeps the app working on a bad connection.
 * - Script and style files are kept once fetched (their names change with each version).
 * - Pages: always from the network; the curriculum pages a participant opened are kept, and
 *   served when the network is gone; any other page then gets the offline page.
 * - A draft form (a check-in, an exercise, home practice, a message, a live answer) sent without a
 *   connection is sealed with the session's public key and kept, then sent when the connection is
 *   back (on `online`, on the next start, and by Background Sync), once: its idempotency key is in it.
 * - An ended session clears everything kept; sign-out's answer tells the browser to clear the site's
 *   storage (Clear-Site-Data), this worker included — it does not stand in that request's way.
 * - Web push: shows reminders and opens the check-in when tapped.
 */
import { files, version } from '$service-worker';
import { clear, createStore, del, entries, get, set } from 'idb-keyval';
import {
	DRAFT_ENDPOINT,
	DRAFT_KEY_HEADER,
	draftKindOf,
	type DraftKind,
	type DraftStatus
} from '$lib/offline/kinds';
import { sealDraft, type SealedDraft } from '$lib/offline/seal';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS = `assets-${version}`;
const PAGES = `pages-${version}`;
const OFFLINE = '/offline';
const SYNC_TAG = 'herstelpad-concepten';
const KEY = 'sleutel';
const store = createStore('herstelpad', 'apparaat');

interface KeptDraft extends DraftStatus {
	sealed: SealedDraft;
}

/** What was sent while this worker ran, to show "verstuurd" (text-free; gone when it stops). */
const receipts = new Map<string, DraftStatus>();

// The offline page, the icons and the manifest; the offline page's scripts are kept as it loads.
const STATIC = files.filter((file) => /\.(svg|png|webmanifest)$/.test(file));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(ASSETS);
			await cache.addAll(STATIC);
			await keepOfflinePage();
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name !== ASSETS && name !== PAGES) await caches.delete(name);
			}
			await sw.clients.claim();
		})()
	);
});

/** The offline page in the current language, with the scripts and styles it needs. */
async function keepOfflinePage(): Promise<void> {
	const response = await fetch(OFFLINE, { credentials: 'same-origin' });
	if (!response.ok) return;
	// A participant's session key comes with it: drafts can be kept from the page the worker started on.
	await noteSession(response);
	const html = await response.clone().text();
	const cache = await caches.open(ASSETS);
	await cache.put(OFFLINE, response);
	// Its styles and the modules its start script imports, with everything those import in turn.
	await keepWithImports(
		cache,
		[...html.matchAll(/\/_app\/immutable\/[\w./-]+/g)].map((match) => match[0])
	);
}

// A static import in a built module: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
const STATIC_IMPORT = /\b(?:from|import)\s*"(\.{1,2}\/[\w./-]+)"/g;

async function keepWithImports(cache: Cache, start: string[]): Promise<void> {
	const seen = new Set<string>();
	let next = start;
	while (next.length > 0) {
		const round = [...new Set(next)].filter((path) => !seen.has(path));
		for (const path of round) seen.add(path);
		next = [];
		await Promise.all(
			round.map(async (path) => {
				const response = await fetch(path).catch(() => null);
				if (!response?.ok) return;
				await cache.put(path, response.clone());
				if (!path.endsWith('.js')) return;
				for (const match of (await response.text()).matchAll(STATIC_IMPORT)) {
					next.push(new URL(match[1] ?? path, new URL(path, sw.location.origin)).pathname);
				}
			})
		);
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method === 'POST') {
		const kind = draftKindOf(url.pathname, url.search);
		if (kind && request.mode === 'navigate') event.respondWith(postOrKeep(request, url, kind));
		else if (url.pathname === '/taal') event.respondWith(afterLanguageChange(request));
		return;
	}
	if (request.method !== 'GET') return;
	if (url.pathname.startsWith('/_app/immutable/') || STATIC.includes(url.pathname)) {
		event.respondWith(fromCacheFirst(request));
	} else if (request.mode === 'navigate') {
		event.respondWith(page(request, url));
	}
});

async function fromCacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(ASSETS);
	const kept = await cache.match(request, { ignoreVary: true });
	if (kept) return kept;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

/** The curriculum: module overviews, steps and transcripts, kept once opened. */
function isCurriculum(url: URL): boolean {
	return /^\/modules(\/|$)/.test(url.pathname);
}

async function page(request: Request, url: URL): Promise<Response> {
	try {
		const response = await fetch(request);
		await noteSession(response);
		if (response.ok && response.type === 'basic' && isCurriculum(url) && !response.redirected) {
			await (await caches.open(PAGES)).put(url.pathname, response.clone());
		}
		return response;
	} catch {
		const kept = isCurriculum(url)
			? await caches.match(url.pathname, { cacheName: PAGES, ignoreVary: true })
			: undefined;
		return kept ?? (await offlinePage());
	}
}

async function offlinePage(search = ''): Promise<Response> {
	const kept = await caches.match(OFFLINE, { cacheName: ASSETS, ignoreVary: true });
	if (!kept) return Response.error();
	if (!search) return kept;
	// The same page, told what just happened (kept or not): its script reads the address.
	return Response.redirect(`${OFFLINE}${search}`, 303);
}

/**
 * A participant's page brings the session's public key: kept to seal drafts with. A page that sent
 * the person to sign in means the session is gone: what was kept goes (it can no longer be read).
 */
async function noteSession(response: Response): Promise<void> {
	const key = response.headers.get(DRAFT_KEY_HEADER);
	if (key && /^[A-Za-z0-9_-]{80,100}$/.test(key)) {
		if ((await get(KEY, store)) !== key) await set(KEY, key, store);
	} else if (response.redirected && new URL(response.url).pathname === '/inloggen') {
		await forgetEverything();
	}
}

async function postOrKeep(request: Request, url: URL, kind: DraftKind): Promise<Response> {
	const copy = request.clone();
	try {
		return await fetch(request);
	} catch {
		const kept = await keep(copy, url, kind).catch(() => false);
		return offlinePage(kept ? '?bewaard' : '?niet-bewaard');
	}
}

async function keep(request: Request, url: URL, kind: DraftKind): Promise<boolean> {
	const key = (await get(KEY, store)) as string | undefined;
	if (!key) return false;
	const form = await request.formData();
	const fields: [string, string][] = [];
	for (const [name, value] of form) if (typeof value === 'string') fields.push([name, value]);
	const id = crypto.randomUUID();
	const sealed = await sealDraft(key, JSON.stringify({ path: url.pathname + url.search, fields }));
	const draft: KeptDraft = { id, kind, at: Date.now(), state: 'waiting', sealed };
	await set(`concept:${id}`, draft, store);
	// Where the browser has it, Background Sync sends the drafts when the connection is back.
	const registration = sw.registration as ServiceWorkerRegistration & {
		sync?: { register(tag: string): Promise<void> };
	};
	await registration.sync?.register(SYNC_TAG).catch(() => undefined);
	await tellPages();
	return true;
}

async function keptDrafts(): Promise<KeptDraft[]> {
	const all = await entries<string, KeptDraft>(store);
	return all
		.filter(([name]) => name.startsWith('concept:'))
		.map(([, draft]) => draft)
		.sort((a, b) => a.at - b.at);
}

let sending: Promise<void> | null = null;

/** Sends every kept draft, oldest first; stops at the first network failure (tried again later). */
function sendAll(): Promise<void> {
	sending ??= (async () => {
		try {
			for (const draft of await keptDrafts()) {
				const response = await fetch(DRAFT_ENDPOINT, {
					method: 'POST',
					credentials: 'same-origin',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(draft.sealed)
				});
				if (response.status === 401) {
					await forgetEverything();
					return;
				}
				// The server answered but could not take it now (the database away): later.
				if (response.status >= 500) throw new Error(`drafts: ${response.status}`);
				const answer = (await response.json().catch(() => null)) as {
					outcome?: string;
					page?: string;
				} | null;
				const state = !response.ok ? 'lost' : answer?.outcome === 'kept' ? 'kept' : 'sent';
				await del(`concept:${draft.id}`, store);
				const page = state === 'kept' && answer?.page?.startsWith('/') ? answer.page : undefined;
				receipts.set(draft.id, { id: draft.id, kind: draft.kind, at: draft.at, state, page });
				await tellPages();
			}
		} finally {
			sending = null;
		}
	})();
	return sending;
}

async function statuses(): Promise<DraftStatus[]> {
	const waiting = (await keptDrafts()).map(({ id, kind, at, state }) => ({ id, kind, at, state }));
	return [...receipts.values(), ...waiting];
}

async function tellPages(): Promise<void> {
	const list = await statuses();
	for (const client of await sw.clients.matchAll({ type: 'window' })) {
		client.postMessage({ type: 'drafts', list });
	}
}

async function forgetEverything(): Promise<void> {
	receipts.clear();
	await clear(store);
	await caches.delete(PAGES);
	await tellPages();
}

async function afterLanguageChange(request: Request): Promise<Response> {
	const response = await fetch(request);
	await keepOfflinePage().catch(() => undefined);
	return response;
}

sw.addEventListener('message', (event) => {
	const type = (event.data as { type?: string } | null)?.type;
	if (type === 'drafts') {
		event.waitUntil(
			(async () => {
				await tellPages();
				if (navigator.onLine) await sendAll().catch(() => undefined);
			})()
		);
	}
});

sw.addEventListener('sync', (event) => {
	const sync = event as ExtendableEvent & { tag: string };
	if (sync.tag === SYNC_TAG) sync.waitUntil(sendAll());
});

sw.addEventListener('push', (event) => {
	const message = event.data
		? (event.data.json() as { title: string; body: string; url: string })
		: { title: 'Herstelpad', body: '', url: '/' };
	event.waitUntil(
		sw.registration.showNotification(message.title, { body: message.body, data: { url: message.url } })
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url ?? '/';
	event.waitUntil(sw.clients.openWindow(url));
});
