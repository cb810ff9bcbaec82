/**
 * The coordinator overview's query string: which page of groups (`pagina`, with `zoek` searching
 * group names) and of staff (`medewerkers`). Nothing in it can be refused: a page that is not a
 * number is the first page, and control characters in a search are spaces.
 */
import { z } from 'zod';

const page = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export const overviewQuery = z.object({
	pagina: page,
	medewerkers: page,
	zoek: z
		.string()
		.transform((value) =>
			value
				.replace(/\p{Cc}/gu, ' ')
				.trim()
				.slice(0, 100)
		)
		.catch('')
		.default('')
});

/** The overview's view from a URL's query string. */
export function overviewView(params: URLSearchParams) {
	const data = overviewQuery.parse(Object.fromEntries(params));
	return { groupPage: data.pagina, staffPage: data.medewerkers, search: data.zoek };
}
