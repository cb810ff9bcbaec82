import { linkPage, pageParam } from '$lib/domain/link-pages';
import { getLocale } from '$lib/paraglide/runtime';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { ownToolbox } from '$lib/server/workbook/toolbox/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/**
 * Links a page of the list has for its tools and paging (at most 7 links a screen, PRODUCT.md):
 * the toolbar takes two, the first page "Iets toevoegen" and "Mijn steunnetwerk" two more.
 */
const ROOM = { first: 3, other: 5 };

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const tools = await ownToolbox(locals.db, actor, getLocale());
		const paging = linkPage(tools.length, pageParam(url.searchParams.get('pagina')), ROOM);
		return {
			tools: tools
				.slice(paging.start, paging.end)
				.map((tool) => ({ id: tool.id, title: tool.title, rating: tool.rating })),
			total: tools.length,
			paging,
			removed: url.searchParams.has('weggehaald')
		};
	})
) satisfies PageServerLoad;
