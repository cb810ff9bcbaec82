import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftKindOf } from './kinds';

describe('draftKindOf', () => {
	it('knows the five draft forms', () => {
		expect(draftKindOf('/check-in', '')).toBe('check-in');
		expect(draftKindOf('/modules/3/02-wat-helpt', '?/next')).toBe('exercise');
		expect(draftKindOf('/thuisopdracht', '')).toBe('practice');
		expect(draftKindOf('/berichten', '')).toBe('message');
		expect(draftKindOf('/live', '?/answer')).toBe('live');
	});

	it('refuses every other path, and odd searches', () => {
		expect(draftKindOf('/uitloggen', '')).toBeNull();
		expect(draftKindOf('/check-in/extra', '')).toBeNull();
		expect(draftKindOf('/berichten', '?x=1')).toBeNull();
		expect(draftKindOf('/modules/3/../../beheer', '')).toBeNull();
		expect(draftKindOf('/modules/1234/a', '')).toBeNull();
	});

	it('never throws, and a kind always names a path of its own', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (path, search) => {
				const kind = draftKindOf(path, search);
				if (kind) expect(path.startsWith('/')).toBe(true);
			})
		);
	});
});
