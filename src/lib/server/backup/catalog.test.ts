import { describe, expect, it } from 'vitest';
import { foreignKeyOrder } from './catalog';

const tables = (...names: string[]) => names.map((name) => ({ name }));
const names = (list: { name: string }[]) => list.map((table) => table.name);

describe('foreignKeyOrder', () => {
	it('puts every table after the tables it refers to, by name among equals', () => {
		const order = foreignKeyOrder(tables('check_in', 'person', 'organisation', 'audit_event'), [
			{ child: 'person', parent: 'organisation' },
			{ child: 'check_in', parent: 'person' },
			{ child: 'check_in', parent: 'organisation' }
		]);
		expect(names(order)).toEqual(['audit_event', 'organisation', 'person', 'check_in']);
	});

	it('ignores references to tables outside the list', () => {
		expect(names(foreignKeyOrder(tables('b', 'a'), [{ child: 'a', parent: 'elsewhere' }]))).toEqual([
			'a',
			'b'
		]);
	});

	it('names the tables of a cycle', () => {
		const cycle = [
			{ child: 'a', parent: 'b' },
			{ child: 'b', parent: 'a' }
		];
		expect(() => foreignKeyOrder(tables('a', 'b', 'c'), cycle)).toThrow(/form a cycle: a, b/);
	});
});
