import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_COUNT, shownCount, suppressed, trendWeeks, weekOf, whyNotToAsk } from './usage';

describe('use figures', () => {
	it('hides counts of 1 to 4 from those who must not see them, never 0 or 5 and up', () => {
		expect([0, 1, 4, 5, 120].map(suppressed)).toEqual([0, null, null, 5, 120]);
		fc.assert(
			fc.property(fc.nat(10_000), fc.boolean(), (count, hide) => {
				const shown = shownCount(count, hide);
				if (!hide) return shown === count;
				return count > 0 && count < MIN_COUNT ? shown === null : shown === count;
			})
		);
	});

	it('counts in weeks from Monday, the last twelve oldest first', () => {
		expect(weekOf(new Date('2026-12-03T23:00:00Z'))).toBe('2026-11-30');
		expect(weekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
		expect(weekOf(new Date('2026-12-06T23:59:59Z'))).toBe('2026-11-30');
		const weeks = trendWeeks(new Date('2026-12-03T12:00:00Z'));
		expect(weeks).toHaveLength(12);
		expect(weeks.at(-1)).toBe('2026-11-30');
		expect(weeks[0]).toBe('2026-09-14');
	});
});

describe('why not?', () => {
	const base = { daysInGroup: 30, hasGoal: true, daysSinceCheckIn: 25, daysSinceStep: 2, answered: [] };
	it('asks about a component unused for three weeks, once', () => {
		expect(whyNotToAsk(base)).toBe('check_in');
		expect(whyNotToAsk({ ...base, answered: ['check_in'] })).toBeNull();
		expect(whyNotToAsk({ ...base, daysSinceCheckIn: 20 })).toBeNull();
		expect(whyNotToAsk({ ...base, hasGoal: false })).toBeNull();
		expect(whyNotToAsk({ ...base, daysSinceStep: null, answered: ['check_in'] })).toBe('modules');
		expect(whyNotToAsk({ ...base, daysInGroup: 10, daysSinceStep: null })).toBeNull();
	});
	it('never asks about an answered component', () => {
		fc.assert(
			fc.property(
				fc.nat(400),
				fc.boolean(),
				fc.option(fc.nat(400)),
				fc.option(fc.nat(400)),
				fc.subarray(['check_in', 'modules'] as const),
				(daysInGroup, hasGoal, daysSinceCheckIn, daysSinceStep, answered) => {
					const asked = whyNotToAsk({ daysInGroup, hasGoal, daysSinceCheckIn, daysSinceStep, answered });
					return asked === null || (!answered.includes(asked) && daysInGroup >= 21);
				}
			)
		);
	});
});
