import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { mediaForActor, type MediaFiles } from '$lib/server/media/queries';
import { parseRange } from '$lib/server/media/range';
import { contentTypeOf, storedPath } from '$lib/server/media/storage';
import type { RequestHandler } from './$types';

/** Which stored file a URL part names: the video, its poster, or captions in one language. */
function fileOf(files: MediaFiles, part: string): { name: string; type: string } | null {
	if (part === 'video') return { name: files.videoFile, type: files.videoType };
	if (part === 'poster' && files.posterFile)
		return { name: files.posterFile, type: contentTypeOf(files.posterFile) };
	const lang = /^captions-(nl|en)$/.exec(part)?.[1] as 'nl' | 'en' | undefined;
	const captions = lang && files.captionFiles[lang];
	return captions ? { name: captions, type: contentTypeOf(captions) } : null;
}

/** Streams a media file to whoever may see it, with range requests (206/416) for video players. */
const serve: RequestHandler = answered(async ({ locals, params, request }) => {
	if (!locals.actor) error(401, 'Unauthorized');
	requireUuidParams(params);
	const files = await mediaForActor(locals.db, locals.actor, params.id);
	const file = fileOf(files, params.bestand);
	const path = file && storedPath(config().dataDir, file.name);
	if (!file || !path) error(404, 'Not Found');
	const stat = await fsp.stat(path).catch(() => null);
	if (!stat) error(404, 'Not Found');
	const etag = `"${file.name.slice(0, 16)}-${stat.size}"`;
	const headers = new Headers({
		'content-type': file.type,
		'accept-ranges': 'bytes',
		etag,
		// Files never change under a name; only this person's browser may keep them.
		'cache-control': 'private, max-age=86400',
		'content-disposition': 'inline'
	});
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const range = parseRange(request.headers.get('range'), stat.size);
	if (range.kind === 'unsatisfiable') {
		headers.set('content-range', `bytes */${stat.size}`);
		return new Response(null, { status: 416, headers });
	}
	const start = range.kind === 'partial' ? range.start : 0;
	const end = range.kind === 'partial' ? range.end : stat.size - 1;
	headers.set('content-length', String(stat.size === 0 ? 0 : end - start + 1));
	if (range.kind === 'partial') headers.set('content-range', `bytes ${start}-${end}/${stat.size}`);
	const status = range.kind === 'partial' ? 206 : 200;
	if (request.method === 'HEAD' || stat.size === 0) return new Response(null, { status, headers });
	const body = Readable.toWeb(fs.createReadStream(path, { start, end })) as ReadableStream;
	return new Response(body, { status, headers });
});

export const GET = serve;
export const HEAD = serve;
