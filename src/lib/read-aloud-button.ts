/**
 * The read-aloud button: reads the text of the elements with the ids in `targets` aloud with the
 * browser's own speech synthesis, in a voice of the page's language, and is shown only when the
 * browser has such a voice. Plain DOM, loaded by ReadAloud.svelte once a page
 * with participant texts runs, so no page carries it in its first scripts.
 */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';

const SPEAKER =
	'<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
	'<path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor"/>' +
	'<path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2"/></svg>';

/** Shows the button in `place` when a voice is there (now or once the voices load); returns its removal. */
export function showReadAloud(place: HTMLElement, targets: () => string[]): () => void {
	if (!('speechSynthesis' in window)) return () => undefined;
	const synth = window.speechSynthesis;
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'secondary read-aloud';
	let voice: SpeechSynthesisVoice | null = null;
	let speaking = false;

	const render = () => {
		button.setAttribute('aria-pressed', String(speaking));
		button.innerHTML = SPEAKER;
		button.append(' ', speaking ? m.read_aloud_stop() : m.read_aloud());
	};
	const pick = () => {
		const lang = getLocale();
		const voices = synth.getVoices().filter((v) => v.lang.toLowerCase().startsWith(lang));
		voice = voices.find((v) => v.localService) ?? voices[0] ?? null;
		if (voice && !button.isConnected) {
			render();
			place.append(button);
		}
	};
	const stopped = () => {
		speaking = false;
		render();
	};

	button.addEventListener('click', () => {
		if (speaking) {
			synth.cancel();
			return stopped();
		}
		const text = targets()
			.map((id) => document.getElementById(id)?.innerText ?? '')
			.filter(Boolean)
			.join('\n\n');
		const utterance = new SpeechSynthesisUtterance(text);
		if (voice) {
			utterance.lang = voice.lang;
			try {
				utterance.voice = voice;
			} catch {
				// Some browsers hand out voices they then refuse here; the language alone picks one too.
			}
		}
		utterance.rate = 0.9;
		utterance.onend = stopped;
		utterance.onerror = stopped;
		synth.cancel();
		synth.speak(utterance);
		speaking = true;
		render();
	});

	pick();
	synth.addEventListener('voiceschanged', pick);
	return () => {
		synth.removeEventListener('voiceschanged', pick);
		synth.cancel();
		button.remove();
	};
}
