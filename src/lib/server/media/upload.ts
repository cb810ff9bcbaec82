/**
 * Receives a video upload as a stream (multipart/form-data, busboy): the video goes straight to
 * disk under a random name, its type is decided by its first bytes, and the size limit stops the
 * upload as soon as it is passed. Captions and text fields are small and kept in memory.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { MAX_VTT_BYTES } from './vtt';
import { mediaDir, newStoredName, removeStored } from './storage';
import { SNIFF_BYTES, sniffVideo, type VideoType } from './sniff';

export type UploadProblem =
	'not_multipart' | 'video_required' | 'wrong_type' | 'too_large' | 'captions_too_large';

export interface ReceivedUpload {
	fields: Record<string, string>;
	video: { name: string; type: VideoType; bytes: number } | null;
	captions: Partial<Record<'nl' | 'en', Uint8Array>>;
	problems: Partial<Record<string, UploadProblem>>;
}

const CAPTION_FIELDS: Record<string, 'nl' | 'en'> = { ondertitels_nl: 'nl', ondertitels_en: 'en' };

/** Reads the whole request; on any problem the stored video (if any) is removed again. */
export async function receiveUpload(
	request: Request,
	dataDir: string,
	maxBytes: number
): Promise<ReceivedUpload> {
	const result: ReceivedUpload = { fields: {}, video: null, captions: {}, problems: {} };
	const contentType = request.headers.get('content-type') ?? '';
	if (!contentType.startsWith('multipart/form-data') || !request.body) {
		result.problems.video = 'not_multipart';
		return result;
	}
	const parser = busboy({
		headers: { 'content-type': contentType },
		limits: { files: 3, fields: 12, fieldSize: 100_000, fileSize: Math.max(maxBytes, MAX_VTT_BYTES) }
	});
	const pending: Promise<void>[] = [];
	parser.on('field', (name, value) => {
		if (!(name in result.fields)) result.fields[name] = value;
	});
	parser.on('file', (name, stream) => {
		if (name === 'video') pending.push(saveVideo(stream, dataDir, maxBytes, result));
		else if (name in CAPTION_FIELDS) pending.push(readCaptions(stream, CAPTION_FIELDS[name]!, name, result));
		else stream.resume();
	});
	const finished = new Promise<void>((resolve, reject) => {
		parser.on('close', resolve);
		parser.on('error', reject);
	});
	const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream);
	body.on('error', (error) => parser.destroy(error));
	body.pipe(parser);
	try {
		await finished;
		await Promise.all(pending);
	} catch {
		// A broken form (cut off, or not really multipart): nothing is kept, and the sender hears why.
		await Promise.allSettled(pending);
		result.problems.video = 'not_multipart';
	}
	if (!result.video && !result.problems.video) result.problems.video = 'video_required';
	if (Object.keys(result.problems).length > 0 && result.video) {
		await removeStored(dataDir, result.video.name);
		result.video = null;
	}
	return result;
}

async function saveVideo(
	stream: Readable & { truncated?: boolean },
	dataDir: string,
	maxBytes: number,
	result: ReceivedUpload
) {
	let head = Buffer.alloc(0);
	let out: fs.WriteStream | null = null;
	let target = '';
	let type: VideoType | null = null;
	let bytes = 0;
	let refused = false;
	const open = async (kind: VideoType) => {
		await fsp.mkdir(mediaDir(dataDir), { recursive: true, mode: 0o700 });
		target = newStoredName(kind === 'video/webm' ? 'webm' : 'mp4');
		out = fs.createWriteStream(path.join(mediaDir(dataDir), `${target}.part`), { mode: 0o600 });
	};
	const write = async (chunk: Buffer) => {
		if (out && !out.write(chunk)) await new Promise<void>((resolve) => out!.once('drain', () => resolve()));
	};
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			bytes += chunk.length;
			if (refused) continue;
			if (bytes > maxBytes) {
				refused = true;
				result.problems.video = 'too_large';
				continue;
			}
			if (!type) {
				head = Buffer.concat([head, chunk]);
				if (head.length < SNIFF_BYTES) continue;
				type = sniffVideo(head.subarray(0, SNIFF_BYTES));
				if (!type) {
					refused = true;
					result.problems.video = 'wrong_type';
					continue;
				}
				await open(type);
				await write(head);
				continue;
			}
			await write(chunk);
		}
	} catch (error) {
		// The upload broke off: remove what was written so far.
		const partial = out as fs.WriteStream | null;
		if (partial) {
			partial.destroy();
			await fsp.rm(path.join(mediaDir(dataDir), `${target}.part`), { force: true });
		}
		throw error;
	}
	// A file shorter than the sniffing window: decide on what there is.
	if (!type && !refused && head.length > 0) {
		type = sniffVideo(head);
		if (type) {
			await open(type);
			await write(head);
		} else result.problems.video = 'wrong_type';
	}
	if (stream.truncated) result.problems.video = 'too_large';
	const opened = out as fs.WriteStream | null;
	if (opened)
		await new Promise<void>((resolve, reject) =>
			opened.end((error?: Error | null) => (error ? reject(error) : resolve()))
		);
	const partial = path.join(mediaDir(dataDir), `${target}.part`);
	if (!opened) return;
	if (refused || result.problems.video) {
		await fsp.rm(partial, { force: true });
		return;
	}
	await fsp.rename(partial, path.join(mediaDir(dataDir), target));
	result.video = { name: target, type: type!, bytes };
}

async function readCaptions(stream: Readable, lang: 'nl' | 'en', field: string, result: ReceivedUpload) {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size <= MAX_VTT_BYTES) chunks.push(chunk);
	}
	if (size > MAX_VTT_BYTES) result.problems[field] = 'captions_too_large';
	else if (size > 0) result.captions[lang] = Buffer.concat(chunks);
}
