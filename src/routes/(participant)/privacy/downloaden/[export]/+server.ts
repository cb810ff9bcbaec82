/** The prepared zip of the participant's own data: once, by them, within 24 hours (privacy/export.ts). */
import { requireArea } from '$lib/server/auth/guard';
import { takeOwnExport } from '$lib/server/privacy/export';
import { requireUuidParams } from '$lib/server/input';
import { answered } from '$lib/server/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'participant');
	requireUuidParams(params);
	const zip = await takeOwnExport(locals.db, actor, params.export);
	return new Response(Buffer.from(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': 'attachment; filename="herstelpad-gegevens.zip"',
			'cache-control': 'no-store'
		}
	});
});
