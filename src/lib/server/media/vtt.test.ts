import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVtt, vttSeconds } from './vtt';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkVtt', () => {
	it('accepts the sample captions', () => {
		for (const lang of ['nl', 'en']) {
			const result = checkVtt(fs.readFileSync(`content/media/sample-peer-story/captions.${lang}.vtt`));
			expect(result).toMatchObject({ ok: true });
		}
	});
	it('accepts short and long timestamps, cue settings, ids and notes', () => {
		const text =
			'WEBVTT - Sam\n\nNOTE made by us\n\n1\n00:01.000 --> 00:04.250 line:90%\nHallo\n\n00:00:05.000 --> 01:00:00.000\nDag\n';
		expect(checkVtt(bytes(text))).toEqual({ ok: true, cues: 2 });
	});
	it('names the line of the first problem', () => {
		expect(checkVtt(bytes('1\n00:01.000 --> 00:02.000\nx'))).toEqual({
			ok: false,
			line: 1,
			problem: 'no_header'
		});
		expect(checkVtt(bytes('WEBVTT\n\n00:01.000 --> 00:02.000\na\n\n00:03 --> 00:04.000\nb'))).toEqual({
			ok: false,
			line: 6,
			problem: 'bad_timing'
		});
		expect(checkVtt(bytes('WEBVTT\n\n00:05.000 --> 00:02.000\na'))).toEqual({
			ok: false,
			line: 3,
			problem: 'end_before_start'
		});
		expect(checkVtt(bytes('WEBVTT\n\n'))).toMatchObject({ ok: false, problem: 'no_cues' });
		expect(checkVtt(new Uint8Array([0x57, 0x45, 0xff, 0xfe]))).toMatchObject({
			ok: false,
			problem: 'not_utf8'
		});
	});
	it('never throws, whatever the bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
				const result = checkVtt(data);
				expect(typeof result.ok).toBe('boolean');
			})
		);
		fc.assert(
			fc.property(fc.string(), (text) => {
				expect(typeof checkVtt(bytes(`WEBVTT\n\n${text}`)).ok).toBe('boolean');
			})
		);
	});
});

describe('vttSeconds', () => {
	it('reads both timestamp forms', () => {
		expect(vttSeconds('01:02.500')).toBe(62.5);
		expect(vttSeconds('01:00:00.001')).toBe(3600.001);
		expect(vttSeconds('1:00.000')).toBeNull();
		expect(vttSeconds('00:60.000')).toBeNull();
	});
});
