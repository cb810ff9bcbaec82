import { linkPage, pageParam } from '$lib/domain/link-pages';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { networkPicture } from '$lib/server/workbook/network/picture';
import { ownNetwork } from '$lib/server/workbook/network/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/**
 * Links a page of the list has for its people and paging (at most 7 links a screen, PRODUCT.md):
 * the toolbar takes two, the first page "Iemand toevoegen" and "Wat helpt mij" two more.
 */
const ROOM = { first: 3, other: 5 };

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const people = await ownNetwork(locals.db, actor);
		const paging = linkPage(people.length, pageParam(url.searchParams.get('pagina')), ROOM);
		const first = paging.page === 0;
		return {
			// The picture and its text alternative: everyone, on the first page.
			picture: first ? networkPicture(people) : null,
			rings: first ? people.map((person) => ({ name: person.name, frequency: person.frequency })) : [],
			listed: people.slice(paging.start, paging.end),
			paging,
			said: {
				added: url.searchParams.has('toegevoegd'),
				saved: url.searchParams.has('opgeslagen'),
				removed: url.searchParams.has('weggehaald')
			}
		};
	})
) satisfies PageServerLoad;
