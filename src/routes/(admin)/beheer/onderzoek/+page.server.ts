import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { researchForms } from '$lib/server/research/schema';
import { createStudy, studies } from '$lib/server/research/studies';
import { answered, answeredAction } from '$lib/server/route';
import type { Actions, PageServerLoad } from './$types';

/** The page in `?pagina=` (0 = the first); anything else is the first. */
function pageOf(url: URL): number {
	const value = url.searchParams.get('pagina');
	return value !== null && /^\d{1,5}$/.test(value) ? Number(value) : 0;
}

/** The organisation's research studies, and the form for a new one. */
export const load: PageServerLoad = answered(async ({ locals, url }) => {
	const actor = await requireArea(locals, url, 'admin');
	const page = pageOf(url);
	return { ...(await studies(locals.db, actor, page)), page };
});

export const actions: Actions = {
	create: answeredAction(async ({ locals, url, request }) => {
		const actor = await requireArea(locals, url, 'admin');
		const parsed = parseForm(researchForms.study, await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		await createStudy(locals.db, actor, parsed.data.name, locals.app.secret);
		return { created: true };
	})
};
