/**
 * Live mode in the browser: the view a stream sends (the server's LiveView, src/lib/server/live/view.ts),
 * following a stream with the browser's own EventSource (it reconnects by itself and sends
 * Last-Event-ID), and the text of a prompt in the page's language.
 */
import type { LiveView } from '$lib/server/live/view';

export type { LiveView, LivePromptView, LiveResults, ModeratedAnswer } from '$lib/server/live/view';

export type Localised = { nl: string; en: string };

/** The text in the page's language. */
export function inLocale(text: Localised, locale: string): string {
	return locale === 'en' ? text.en : text.nl;
}

/** Follows a live stream: `onView` gets each view. Returns the function that stops it. */
export function followLive(url: string, onView: (view: LiveView) => void): () => void {
	const source = new EventSource(url);
	source.addEventListener('live', (event) =>
		onView(JSON.parse((event as MessageEvent<string>).data) as LiveView)
	);
	return () => source.close();
}

/** Whether a new view needs the page's data again (another prompt, or the prompt opened or closed). */
export function promptChanged(before: LiveView | null, after: LiveView): boolean {
	return (
		before?.roundId !== after.roundId ||
		before?.prompt?.id !== after.prompt?.id ||
		before?.prompt?.status !== after.prompt?.status
	);
}
