/**
 * Checks a WebVTT caption file (W3C WebVTT): the header, and every cue's timing line. Returns the
 * first problem with its line, so a coordinator can fix the file; or the number of cues.
 */
export type VttCheck = { ok: true; cues: number } | { ok: false; line: number; problem: VttProblem };
export type VttProblem =
	'not_utf8' | 'no_header' | 'bad_timing' | 'end_before_start' | 'no_cues' | 'too_large';

export const MAX_VTT_BYTES = 1024 * 1024;

const TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const LOOKS_TIMED = /^\s*\d+:\d+(?::\d+)?[.,]\d+\s*-/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/;

/** Seconds of a WebVTT timestamp ("01:02.500" or "00:01:02.500"), or null. */
export function vttSeconds(value: string): number | null {
	const match = TIME.exec(value);
	if (!match) return null;
	const [, hours = '0', minutes = '0', seconds = '0', millis = '0'] = match;
	return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(millis) / 1000;
}

export function checkVtt(bytes: Uint8Array): VttCheck {
	if (bytes.byteLength > MAX_VTT_BYTES) return { ok: false, line: 1, problem: 'too_large' };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, line: 1, problem: 'not_utf8' };
	}
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return { ok: false, line: 1, problem: 'no_header' };
	let cues = 0;
	for (const [index, line] of lines.entries()) {
		// A timing line, or one that was meant to be (a timestamp, then a dash: "00:04.000 -> …").
		if (!line.includes('-->') && !LOOKS_TIMED.test(line)) continue;
		const timing = TIMING.exec(line.trim());
		const start = timing ? vttSeconds(timing[1]!) : null;
		const end = timing ? vttSeconds(timing[2]!) : null;
		if (start === null || end === null) return { ok: false, line: index + 1, problem: 'bad_timing' };
		if (end <= start) return { ok: false, line: index + 1, problem: 'end_before_start' };
		cues++;
	}
	return cues > 0 ? { ok: true, cues } : { ok: false, line: lines.length, problem: 'no_cues' };
}
