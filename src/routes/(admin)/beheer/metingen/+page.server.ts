import { fail, redirect } from '@sveltejs/kit';
import { parseQuestionnaire } from '$lib/domain/measures/questionnaire';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { importDefinition, organisationDefinitions } from '$lib/server/measures/definitions';
import { MEANS_PAGE_SIZE, MIN_CELL, measureMeans } from '$lib/server/measures/results';
import { measureForms } from '$lib/server/measures/schema';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The page of groups in `?pagina=` (0 = the first); anything else is the first. */
function pageOf(url: URL): number {
	const value = url.searchParams.get('pagina');
	return value !== null && /^\d{1,5}$/.test(value) ? Number(value) : 0;
}

/** The coordinator's measures: the definitions and who uses them, the import, and the means. */
export const load = answered(async ({ locals, url }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'admin');
	const page = pageOf(url);
	return {
		definitions: await organisationDefinitions(locals.db, actor),
		means: await measureMeans(locals.db, actor, page),
		page,
		pageSize: MEANS_PAGE_SIZE,
		minCell: MIN_CELL,
		imported: url.searchParams.has('ingelezen')
	};
}) satisfies PageServerLoad;

export const actions: Actions = {
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'admin');
		const form = await request.formData();
		// An uploaded file counts as pasted text.
		const file = form.get('bestand');
		if (file instanceof File && file.size > 0 && !String(form.get('definitie') ?? '').trim())
			form.set('definitie', file.size > 400_000 ? ' '.repeat(400_000) : await file.text());
		form.delete('bestand');
		const parsed = parseForm(measureForms.definition, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, where: '' });
		// Read here first, to say where the problem is (the import reads it again).
		const read = parseQuestionnaire(parsed.data.text);
		if (!read.ok)
			return fail(400, {
				errors: { definitie: read.problem.key },
				values: { definitie: parsed.data.text },
				where: read.problem.where
			});
		await importDefinition(locals.db, actor, parsed.data.text);
		redirect(303, '/beheer/metingen?ingelezen');
	})
};
