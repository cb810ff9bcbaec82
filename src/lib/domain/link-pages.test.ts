import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkPage, linkPageSizes, pageParam } from './link-pages';

const room = { first: 3, other: 5 };

describe('linkPageSizes', () => {
	it('keeps a short list on one page, and leaves room for the paging links on longer ones', () => {
		const table: [number, number[]][] = [
			[0, [0]],
			[1, [1]],
			[3, [3]],
			[4, [2, 2]],
			[6, [2, 4]],
			[7, [2, 3, 2]],
			[10, [2, 3, 3, 2]]
		];
		for (const [total, sizes] of table) expect(linkPageSizes(total, room), String(total)).toEqual(sizes);
	});

	it('never puts more links on a page than it has room for, and shows every item once', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 500 }),
				fc.integer({ min: 2, max: 7 }),
				fc.integer({ min: 3, max: 7 }),
				(total, first, other) => {
					const sizes = linkPageSizes(total, { first, other });
					expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(total);
					sizes.forEach((size, index) => {
						const paging = (index > 0 ? 1 : 0) + (index < sizes.length - 1 ? 1 : 0);
						expect(size + paging).toBeLessThanOrEqual(index === 0 ? first : other);
						if (total > 0) expect(size).toBeGreaterThan(0);
					});
				}
			)
		);
	});

	it('refuses a room with no space for an item beside its paging', () => {
		expect(() => linkPageSizes(5, { first: 1, other: 5 })).toThrow();
		expect(() => linkPageSizes(5, { first: 3, other: 2 })).toThrow();
	});
});

describe('linkPage', () => {
	it('gives the range of a page and clamps a page past the end to the last', () => {
		expect(linkPage(7, 1, room)).toEqual({
			page: 1,
			pages: 3,
			start: 2,
			end: 5,
			hasPrevious: true,
			hasNext: true
		});
		expect(linkPage(7, 99, room)).toMatchObject({ page: 2, start: 5, end: 7, hasNext: false });
		expect(linkPage(0, 3, room)).toMatchObject({ page: 0, start: 0, end: 0, hasPrevious: false });
	});

	it('reads ?pagina= as a 0-based page, anything odd as the first', () => {
		expect(['2', '1', '0', '-3', 'x', '1e400', '2.5', null].map(pageParam)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
	});
});
