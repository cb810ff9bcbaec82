import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { momentsOf, openMoment, parseMoments } from './schedule';

describe('measure moments', () => {
	it('dates baseline, halfway and end from the start date, each open a week early', () => {
		expect(momentsOf('2026-01-31', [0, 6, 12])).toEqual([
			{ moment: 0, date: '2026-01-31', opens: '2026-01-24', closes: '2026-07-23' },
			{ moment: 6, date: '2026-07-31', opens: '2026-07-24', closes: '2027-01-23' },
			{ moment: 12, date: '2027-01-31', opens: '2027-01-24', closes: '2027-05-02' }
		]);
	});

	const cases: [string, number | null][] = [
		['2026-01-23', null],
		['2026-01-24', 0],
		['2026-07-23', 0],
		['2026-07-24', 6],
		['2027-05-02', 12],
		['2027-05-03', null]
	];
	for (const [today, moment] of cases)
		it(`on ${today} the open moment is ${moment}`, () => {
			expect(openMoment('2026-01-31', [12, 0, 6], today)?.moment ?? null).toBe(moment);
		});

	it('never has two moments open on one day', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
				fc.integer({ min: -30, max: 2000 }),
				(moments, offset) => {
					const all = momentsOf('2026-03-01', moments);
					const day = new Date(Date.UTC(2026, 2, 1 + offset)).toISOString().slice(0, 10);
					expect(
						all.filter((moment) => moment.opens <= day && day <= moment.closes).length
					).toBeLessThanOrEqual(1);
				}
			)
		);
	});
});

describe('typing the moments', () => {
	const cases: [string, ReturnType<typeof parseMoments>][] = [
		['0, 6, 12', { ok: true, moments: [0, 6, 12] }],
		['12 6 0 6', { ok: true, moments: [0, 6, 12] }],
		['0;3;6;9;12;18', { ok: true, moments: [0, 3, 6, 9, 12, 18] }],
		['', { ok: false, problem: 'measure_moments_count' }],
		['0 1 2 3 4 5 6', { ok: false, problem: 'measure_moments_count' }],
		['0, 61', { ok: false, problem: 'measure_moments_invalid' }],
		['-1', { ok: false, problem: 'measure_moments_invalid' }],
		['zes', { ok: false, problem: 'measure_moments_invalid' }],
		['1.5', { ok: false, problem: 'measure_moments_invalid' }]
	];
	for (const [text, result] of cases)
		it(JSON.stringify(text), () => expect(parseMoments(text)).toEqual(result));

	it('accepts or refuses any text without throwing, and what it accepts is sorted and in range', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const result = parseMoments(text);
				if (result.ok) {
					expect(result.moments).toEqual([...result.moments].sort((a, b) => a - b));
					expect(result.moments.every((moment) => moment >= 0 && moment <= 60)).toBe(true);
				}
			})
		);
	});
});
