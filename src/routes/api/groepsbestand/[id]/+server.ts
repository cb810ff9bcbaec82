import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import { groupFileForActor } from '$lib/server/curriculum/group-items/queries';
import { storedPath } from '$lib/server/media/storage';
import type { RequestHandler } from './$types';

/** A file a trainer shared with their group: to the group's participants (module open) and trainers. */
export const GET: RequestHandler = answered(async ({ locals, params }) => {
	if (!locals.actor) error(401, 'Unauthorized');
	requireUuidParams(params);
	const file = await groupFileForActor(locals.db, locals.actor, params.id);
	const path = file.fileName ? storedPath(config().dataDir, file.fileName) : null;
	const stat = path ? await fsp.stat(path).catch(() => null) : null;
	if (!path || !stat) error(404, 'Not Found');
	const name = encodeURIComponent(file.fileLabel ?? 'bestand');
	return new Response(Readable.toWeb(fs.createReadStream(path)) as ReadableStream, {
		headers: {
			'content-type': file.fileType ?? 'application/octet-stream',
			'content-length': String(stat.size),
			'content-disposition': `inline; filename*=UTF-8''${name}`,
			'cache-control': 'private, max-age=3600'
		}
	});
});
