import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffDocument, sniffVideo } from './sniff';

const mp4Head = new Uint8Array([0, 0, 0, 0x20, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0]);

describe('sniffVideo', () => {
	it('knows WebM and MP4 by their first bytes', () => {
		const webm = fs.readFileSync('content/media/sample-peer-story/video.webm').subarray(0, 64);
		expect(sniffVideo(webm)).toBe('video/webm');
		expect(sniffVideo(mp4Head)).toBe('video/mp4');
	});
	it('refuses other files, whatever they are called', () => {
		expect(sniffVideo(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeNull();
		expect(sniffVideo(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
		expect(
			sniffVideo(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...new TextEncoder().encode('matroska')]))
		).toBeNull();
		expect(sniffVideo(new Uint8Array())).toBeNull();
	});
	it('never throws', () => {
		fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (head) => void sniffVideo(head)));
	});
});

describe('sniffDocument', () => {
	it('knows PDF, PNG and JPEG, and nothing else', () => {
		expect(sniffDocument(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
		expect(sniffDocument(fs.readFileSync('content/media/sample-peer-story/poster.png').subarray(0, 16))).toBe(
			'image/png'
		);
		expect(sniffDocument(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(sniffDocument(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
		fc.assert(fc.property(fc.uint8Array({ maxLength: 16 }), (head) => void sniffDocument(head)));
	});
});
