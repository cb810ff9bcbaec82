import { fail, redirect } from '@sveltejs/kit';
import { pageParam } from '$lib/domain/link-pages';
import { getLocale } from '$lib/paraglide/runtime';
import { requireArea } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { requireUuidParams } from '$lib/server/input';
import { participantPage } from '$lib/server/pages/shell';
import { answered, answeredAction } from '$lib/server/route';
import { changeOwnTool, rateTool, removeTool } from '$lib/server/workbook/toolbox/commands';
import { ownTool } from '$lib/server/workbook/toolbox/queries';
import { toolboxForms } from '$lib/server/workbook/toolbox/schema';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

/** The page of ideas the tool was added from (`&ideeen=n`), kept while the tool's page is used. */
function ideasQuery(url: URL): string {
	return url.searchParams.has('ideeen') ? `&ideeen=${pageParam(url.searchParams.get('ideeen')) + 1}` : '';
}

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, params, url }, actor) => {
		requireUuidParams(params);
		const tool = await ownTool(locals.db, actor, params.id, getLocale());
		const said = url.searchParams;
		const own = tool.suggestionKey === null;
		return {
			tool: { id: tool.id, title: tool.title, text: tool.text, rating: tool.rating, own },
			// What the screen shows: the tool with its rating, its words to change, or "take it out?".
			mode: said.has('weghalen')
				? ('remove' as const)
				: own && said.has('aanpassen')
					? ('edit' as const)
					: ('view' as const),
			added: said.has('toegevoegd'),
			saved: said.has('opgeslagen'),
			// Came from the ideas: "more ideas" leads back to the same page of them.
			ideasPage: said.has('ideeen') ? pageParam(said.get('ideeen')) + 1 : null
		};
	})
) satisfies PageServerLoad;

export const actions = {
	cijfer: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const parsed = parseForm(toolboxForms.rate, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await rateTool(locals.db, actor, params.id, parsed.data.rating);
		redirect(303, `/wat-helpt-mij/${params.id}?opgeslagen${ideasQuery(url)}`);
	}),
	tekst: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const parsed = parseForm(toolboxForms.own, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await changeOwnTool(locals.db, actor, params.id, parsed.data);
		redirect(303, `/wat-helpt-mij/${params.id}?opgeslagen`);
	}),
	/** Asks first: without zeker=ja the page shows the question; with it, the tool is taken out. */
	weghalen: answeredAction(async ({ locals, url, request, params }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'participant');
		requireUuidParams(params);
		const parsed = parseForm(toolboxForms.remove, await request.formData());
		if (!parsed.ok || !parsed.data.confirmed) redirect(303, `/wat-helpt-mij/${params.id}?weghalen`);
		await removeTool(locals.db, actor, params.id);
		redirect(303, '/wat-helpt-mij?weggehaald');
	})
} satisfies Actions;
