/**
 * Video streaming over HTTP as players use it: range requests answer 206 with exactly the bytes
 * asked for, a range outside the file 416, a repeat visit 304; nobody without access gets the file.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from '../helpers/sign-in';
import { demo } from './browser';

const original = fs.readFileSync('content/media/sample-peer-story/video.webm');
const captions = fs.readFileSync('content/media/sample-peer-story/captions.nl.vtt');
let base: string;
let cookie: string;
let mediaUrl: string;

beforeAll(async () => {
	base = inject('baseUrl');
	cookie = (await signInOverHttp(base, 'deelnemer7@demo.herstelpad.example')).cookie;
	const page = await fetch(`${base}/modules/1/02-het-verhaal-van-sam`, { headers: { cookie } });
	const id = /\/api\/media\/([0-9a-f-]{36})\//.exec(await page.text())?.[1];
	if (!id) throw new Error('no video on the sample step');
	mediaUrl = `${base}/api/media/${id}`;
});

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(`${mediaUrl}/${path}`, { headers: { cookie, ...headers } });

describe('video streaming', () => {
	it('answers a range with 206 and exactly those bytes', async () => {
		const response = await get('video', { range: 'bytes=1000-1999' });
		expect(response.status).toBe(206);
		expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${original.length}`);
		expect(response.headers.get('content-length')).toBe('1000');
		expect(Buffer.from(await response.arrayBuffer()).equals(original.subarray(1000, 2000))).toBe(true);

		const tail = await get('video', { range: 'bytes=-100' });
		expect(tail.status).toBe(206);
		expect(Buffer.from(await tail.arrayBuffer()).equals(original.subarray(original.length - 100))).toBe(true);
	});

	it('sends the whole file without a range, and 304 when the browser has it', async () => {
		const response = await get('video');
		expect(response.status).toBe(200);
		expect(response.headers.get('accept-ranges')).toBe('bytes');
		expect(response.headers.get('content-type')).toBe('video/webm');
		expect(response.headers.get('cache-control')).toBe('private, max-age=86400');
		expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
		const again = await get('video', { 'if-none-match': response.headers.get('etag') ?? '' });
		expect(again.status).toBe(304);
	});

	it('answers 416 with the file size for a range outside the file', async () => {
		const response = await get('video', { range: `bytes=${original.length}-` });
		expect(response.status).toBe(416);
		expect(response.headers.get('content-range')).toBe(`bytes */${original.length}`);
	});

	it('serves the captions as WebVTT', async () => {
		const response = await get('captions-nl');
		expect(response.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
		expect(Buffer.from(await response.arrayBuffer()).equals(captions)).toBe(true);
	});

	it('gives nothing to people without access, and nothing for names that are not files', async () => {
		expect((await fetch(`${mediaUrl}/video`)).status).toBe(401);
		const coordinator = (await signInOverHttp(base, demo.coordinator)).cookie;
		expect((await fetch(`${mediaUrl}/video`, { headers: { cookie: coordinator } })).status).toBe(200);
		expect((await get('..%2F..%2Fauth-secret')).status).toBe(404);
		expect((await get('captions-de')).status).toBe(404);
	});
});
