/**
 * A live stream as Server-Sent Events: `id:` is the newest live event the view includes, so the
 * browser's EventSource sends it back as Last-Event-ID when it reconnects by itself, and gets the
 * state only when something changed since. A comment line every 15 seconds keeps proxies from
 * closing a quiet stream; after 5 minutes (LIVE_STREAM_SECONDS) the server ends it and the browser reconnects, which checks
 * the person's access again (a session that ended, a participant who moved to another group).
 */
import { config } from '../config';
import type { Db } from '../db/client';
import { liveHub } from './hub';
import type { LiveAudience, LiveView } from './view';

export const LIVE_CHANNEL = 'herstelpad_live';
const KEEP_ALIVE_MS = 15_000;
const RETRY_MS = 1_000;

/** The event id a reconnecting EventSource sends back, or -1 for a first connection. */
export function lastEventId(request: Request): number {
	const value = request.headers.get('last-event-id') ?? '';
	return /^\d{1,15}$/.test(value) ? Number(value) : -1;
}

/** The view as one SSE message. */
export function sseMessage(view: LiveView): string {
	return `id: ${view.eventId}\nevent: live\ndata: ${JSON.stringify(view)}\n\n`;
}

/** The response that streams the group's view for an audience, from the event after `after`. */
export function liveStream(db: Db, groupId: string, audience: LiveAudience, after: number): Response {
	const encoder = new TextEncoder();
	let stop = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			const write = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			write(`retry: ${RETRY_MS}\n\n`);
			const close = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			const unsubscribe = liveHub.subscribe(db, groupId, {
				audience,
				lastSent: after,
				send: (view) => write(sseMessage(view)),
				end: close
			});
			const keepAlive = setInterval(() => write(': \n\n'), KEEP_ALIVE_MS);
			const end = setTimeout(close, config().liveStreamMs);
			stop = () => {
				if (!open) return;
				open = false;
				clearInterval(keepAlive);
				clearTimeout(end);
				unsubscribe();
			};
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
}
