import { fail, redirect } from '@sveltejs/kit';
import { pageParam } from '$lib/domain/link-pages';
import { getLocale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { addSuggestion } from '$lib/server/workbook/toolbox/commands';
import { suggestionsFor } from '$lib/server/workbook/toolbox/queries';
import { toolboxForms } from '$lib/server/workbook/toolbox/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** Ideas per screen: three short ones stay under the words a participant screen has (PRODUCT.md). */
const PER_PAGE = 3;

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const all = await suggestionsFor(locals.db, actor, getLocale());
		const pages = Math.max(1, Math.ceil(all.length / PER_PAGE));
		const page = Math.min(pageParam(url.searchParams.get('pagina')), pages - 1);
		return {
			ideas: all
				.slice(page * PER_PAGE, (page + 1) * PER_PAGE)
				.map((idea) => ({ key: idea.key, title: idea.title, text: idea.text, inList: idea.toolId !== null })),
			page,
			pages
		};
	})
) satisfies PageServerLoad;

export const actions = {
	/** One tap: the idea goes in the list, and its page asks how well it helps. */
	default: answeredAction(async ({ locals, url, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		const form = await request.formData();
		const parsed = parseForm(toolboxForms.addSuggestion, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const page = pageParam(typeof form.get('pagina') === 'string' ? String(form.get('pagina')) : null);
		const { id } = await addSuggestion(locals.db, actor, parsed.data);
		redirect(303, `/wat-helpt-mij/${id}?toegevoegd&ideeen=${page + 1}`);
	})
} satisfies Actions;
