import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedFields } from '../form-fields';
import { checkUpload, mediaFieldsInput } from './commands';
import { receiveUpload } from './upload';

/** The upload form's field names, as the route maps them. */
const formFields = namedFields(mediaFieldsInput, {
	titleNl: 'titel_nl',
	titleEn: 'titel_en',
	transcriptNl: 'transcript_nl',
	transcriptEn: 'transcript_en'
});

const sample = 'content/media/sample-peer-story';
const video = fs.readFileSync(path.join(sample, 'video.webm'));
const captions = fs.readFileSync(path.join(sample, 'captions.nl.vtt'));

function uploadRequest(parts: {
	video?: Uint8Array;
	captions?: Uint8Array | string;
	fields?: Record<string, string>;
}) {
	const form = new FormData();
	for (const [name, value] of Object.entries(
		parts.fields ?? { titel_nl: 'Het verhaal van Sam', transcript_nl: 'Sam vertelt.' }
	))
		form.set(name, value);
	if (parts.captions !== undefined)
		form.set(
			'ondertitels_nl',
			new Blob([typeof parts.captions === 'string' ? parts.captions : new Uint8Array(parts.captions)]),
			'sam.vtt'
		);
	if (parts.video) form.set('video', new Blob([new Uint8Array(parts.video)]), 'sam.mp4');
	return new Request('http://localhost/beheer/media/upload', { method: 'POST', body: form });
}

function tempDir() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-upload-'));
}

function storedFiles(dir: string): string[] {
	return fs.existsSync(path.join(dir, 'media')) ? fs.readdirSync(path.join(dir, 'media')) : [];
}

describe('receiveUpload', () => {
	it('streams a WebM to disk under a random name, byte for byte, and reads the captions', async () => {
		const dir = tempDir();
		const upload = await receiveUpload(uploadRequest({ video, captions }), dir, 10 * 1024 * 1024);
		expect(upload.problems).toEqual({});
		expect(upload.video).toMatchObject({ type: 'video/webm', bytes: video.length });
		expect(upload.video?.name).toMatch(/^[a-f0-9]{32}\.webm$/);
		expect(fs.readFileSync(path.join(dir, 'media', upload.video!.name)).equals(video)).toBe(true);
		expect(checkUpload(upload, formFields).errors).toEqual({});
	});

	it('refuses a file that is not a video, whatever its name says, and keeps nothing', async () => {
		const dir = tempDir();
		const fake = Buffer.from('<html><script>alert(1)</script></html>'.repeat(10));
		const upload = await receiveUpload(uploadRequest({ video: fake, captions }), dir, 10 * 1024 * 1024);
		expect(upload.problems.video).toBe('wrong_type');
		expect(upload.video).toBeNull();
		expect(storedFiles(dir)).toEqual([]);
	});

	it('stops a video over the size limit and keeps nothing', async () => {
		const dir = tempDir();
		const upload = await receiveUpload(uploadRequest({ video, captions }), dir, 100_000);
		expect(upload.problems.video).toBe('too_large');
		expect(upload.video).toBeNull();
		expect(storedFiles(dir).filter((name) => !name.endsWith('.part'))).toEqual([]);
		expect(storedFiles(dir)).toEqual([]);
	});

	it('names the line of a broken caption file, and asks for what is missing', async () => {
		const dir = tempDir();
		const broken = 'WEBVTT\n\n00:01.000 --> 00:03.000\nHallo\n\n00:04.000 -> 00:05.000\nDag\n';
		const upload = await receiveUpload(
			uploadRequest({ video, captions: broken, fields: { titel_nl: '' } }),
			dir,
			10 * 1024 * 1024
		);
		expect(checkUpload(upload, formFields).errors).toEqual({
			ondertitels_nl: 'captions_bad_timing:6',
			titel_nl: 'title_required',
			transcript_nl: 'transcript_required'
		});
		const none = await receiveUpload(uploadRequest({}), dir, 10 * 1024 * 1024);
		expect(checkUpload(none, formFields).errors).toMatchObject({
			video: 'video_required',
			ondertitels_nl: 'captions_required'
		});
	});

	it('refuses a body that is not a multipart form', async () => {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: 'titel_nl=x',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect((await receiveUpload(request, tempDir(), 1000)).problems.video).toBe('not_multipart');
	});

	it('answers a broken multipart body with a problem, not an error, and keeps nothing', async () => {
		const dir = tempDir();
		// Cut off in the middle of the video, after the first bytes were written to disk.
		const head = Buffer.from(
			'--grens\r\nContent-Disposition: form-data; name="video"; filename="a.webm"\r\n\r\n'
		);
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: Buffer.concat([head, video.subarray(0, 50_000)]),
			headers: { 'content-type': 'multipart/form-data; boundary=grens' }
		});
		const upload = await receiveUpload(request, dir, 10 * 1024 * 1024);
		expect(upload.problems.video).toBe('not_multipart');
		expect(upload.video).toBeNull();
		expect(storedFiles(dir)).toEqual([]);
	});
});
