/** The pseudonymised export of one study, as a zip: by a researcher of its organisation (research/export.ts). */
import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { Conflict } from '$lib/server/errors';
import { requireUuidParams } from '$lib/server/input';
import { researchExport } from '$lib/server/research/export';
import { answered } from '$lib/server/route';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = answered(async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'research');
	requireUuidParams(params);
	try {
		const { zip, fileName } = await researchExport(locals.db, actor, params.studie, locals.app.secret);
		return new Response(Buffer.from(zip), {
			headers: {
				'content-type': 'application/zip',
				'content-disposition': `attachment; filename="${fileName}"`,
				'cache-control': 'no-store'
			}
		});
	} catch (thrown) {
		// Too few consenting participants: the translated reason, not a bare 409.
		if (thrown instanceof Conflict) error(409, m.research_too_few());
		throw thrown;
	}
});
