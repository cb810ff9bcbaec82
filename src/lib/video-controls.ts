/**
 * The big play/pause button under a peer-expert video and, on a participant's step, the use figures'
 * count of the first play and the end (best effort: only the kind is sent, never where in the video).
 * Plain DOM, loaded by VideoPlayer.svelte once the page runs: without JavaScript the video's own
 * controls do it all, and the step's first scripts stay small.
 */
import { m } from '$lib/paraglide/messages.js';

/** Adds the button after `figure` and follows its video; returns its removal. */
export function addVideoControls(figure: HTMLElement, report: boolean): () => void {
	const video = figure.querySelector('video');
	if (!video) return () => undefined;
	const line = document.createElement('p');
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'big';
	const render = () => {
		const playing = !video.paused && !video.ended;
		button.setAttribute('aria-pressed', String(playing));
		button.textContent = playing ? m.video_pause() : m.video_play();
	};
	button.addEventListener('click', () => {
		if (video.paused) void video.play();
		else video.pause();
	});

	const reportUse = (kind: 'video_started' | 'video_ended') => {
		if (!report) return;
		void fetch('/api/gebruik', { method: 'POST', body: new URLSearchParams({ soort: kind }) }).catch(
			() => undefined
		);
	};
	let reportedStart = false;
	const started = () => {
		render();
		if (!reportedStart) {
			reportedStart = true;
			reportUse('video_started');
		}
	};
	const ended = () => {
		render();
		reportUse('video_ended');
	};
	video.addEventListener('play', started);
	video.addEventListener('pause', render);
	video.addEventListener('ended', ended);

	render();
	line.append(button);
	figure.after(line);
	return () => {
		video.removeEventListener('play', started);
		video.removeEventListener('pause', render);
		video.removeEventListener('ended', ended);
		line.remove();
	};
}
