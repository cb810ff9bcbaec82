/**
 * Paging a list whose items are links, within the flat-explicit limit of links per screen
 * (PRODUCT.md: at most 7). `room` is the number of links a page has for the list and its paging
 * after its fixed links (the toolbar's two, the page's own): the first page often carries more
 * fixed links than the others. A page takes what fits, keeping one link for "older" while more
 * follow and one for "newer" after the first.
 */
export interface LinkRoom {
	/** Links the first page has left for its items and a "next" link. At least 2. */
	first: number;
	/** Links the other pages have left for their items, "previous" and "next". At least 3. */
	other: number;
}

/** How many items each page shows (at least one page, empty when there are none). */
export function linkPageSizes(total: number, room: LinkRoom): number[] {
	if (room.first < 2 || room.other < 3) throw new Error('a page needs room for an item and its paging');
	const sizes: number[] = [];
	let left = Math.max(0, Math.floor(total));
	do {
		const own = sizes.length === 0 ? room.first : room.other - 1;
		const size = left <= own ? left : own - 1;
		sizes.push(size);
		left -= size;
	} while (left > 0);
	return sizes;
}

/** One page of the list: its items' range, and whether a newer or older page exists. */
export interface LinkPage {
	/** 0-based, clamped to the last page. */
	page: number;
	pages: number;
	start: number;
	end: number;
	hasPrevious: boolean;
	hasNext: boolean;
}

/** The page `asked` (0-based; anything past the end is the last page) of a list of `total` links. */
export function linkPage(total: number, asked: number, room: LinkRoom): LinkPage {
	const sizes = linkPageSizes(total, room);
	const page = Math.min(Math.max(0, Math.floor(asked) || 0), sizes.length - 1);
	const start = sizes.slice(0, page).reduce((sum, size) => sum + size, 0);
	return {
		page,
		pages: sizes.length,
		start,
		end: start + (sizes[page] ?? 0),
		hasPrevious: page > 0,
		hasNext: page < sizes.length - 1
	};
}

/** The page asked for in `?pagina=` (1 is the first), as a 0-based page; anything else is the first. */
export function pageParam(value: string | null): number {
	const asked = Number(value);
	return Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked - 1 : 0;
}
