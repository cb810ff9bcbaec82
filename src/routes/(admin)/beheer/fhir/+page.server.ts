import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { hasTwoFactors } from '$lib/server/auth/session';
import { recentExports, startBulkExport } from '$lib/server/fhir/exports';
import { startExportInput } from '$lib/server/fhir/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

const startForm = namedFields(startExportInput, { since: 'sinds' });

/** The organisation's FHIR bulk exports: start one, see how far it is, download its files. */
export const load: PageServerLoad = answered(async ({ locals, url }) => {
	await requireArea(locals, url, 'admin');
	// Only after signing in with two factors: the export holds everyone's data and the access log.
	if (!hasTwoFactors(locals.session)) error(403, 'two_factors_required');
	const exports = await recentExports(locals.db, locals.actor!);
	return {
		exports: exports.map((row) => ({
			id: row.id,
			status: row.status,
			progress: row.progress,
			since: row.since,
			createdAt: row.createdAt,
			files: row.files
		})),
		running: exports.some((row) => row.status === 'queued' || row.status === 'running')
	};
});

export const actions: Actions = {
	start: answeredAction(async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'admin');
		if (!hasTwoFactors(locals.session)) error(403, 'two_factors_required');
		const parsed = parseForm(startForm, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		await startBulkExport(locals.db, actor, { since: parsed.data.since });
		redirect(303, '/beheer/fhir');
	})
};
