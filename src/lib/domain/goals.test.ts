import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CHECK_IN_QUESTIONS,
	chartGeometry,
	completeAnswers,
	goalChangeRule,
	nextQuestion,
	parseCheckInAnswer
} from './goals';

describe('goal history rules', () => {
	it('changes only active goals, and asks a reason to change or stop (not to reach)', () => {
		expect(goalChangeRule('active', 'edit')).toBe('needs-reason');
		expect(goalChangeRule('active', 'stop')).toBe('needs-reason');
		expect(goalChangeRule('active', 'reach')).toBe('allowed');
		for (const status of ['reached', 'stopped'] as const)
			for (const change of ['edit', 'reach', 'stop'] as const)
				expect(goalChangeRule(status, change)).toBe('refused');
	});
});

describe('check-in answers', () => {
	it('never throws, and accepts exactly the allowed answers', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...CHECK_IN_QUESTIONS),
				fc.option(fc.string({ maxLength: 600 })),
				(question, raw) => {
					const result = parseCheckInAnswer(question, raw);
					if (!result.ok) return;
					if (question === 'worked') expect(['yes', 'a_bit', 'not_yet']).toContain(result.value);
					if (question === 'closeness') expect(['1', '2', '3', '4', '5']).toContain(result.value);
					if (question === 'step') expect(['keep', 'change']).toContain(result.value);
					if (question === 'bringUp') expect(result.value.length).toBeLessThanOrEqual(500);
					if (question === 'newStep') expect(result.value.length).toBeGreaterThan(0);
					// eslint-disable-next-line no-control-regex
					expect(result.value).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
				}
			)
		);
	});

	it('trims text, keeps line breaks, and names the problem', () => {
		expect(parseCheckInAnswer('bringUp', '  over\r\nslapen \u0007')).toEqual({
			ok: true,
			value: 'over\nslapen'
		});
		expect(parseCheckInAnswer('bringUp', '')).toEqual({ ok: true, value: '' });
		expect(parseCheckInAnswer('bringUp', 'x'.repeat(501))).toEqual({ ok: false, error: 'too_long' });
		expect(parseCheckInAnswer('closeness', '')).toEqual({ ok: false, error: 'required' });
		expect(parseCheckInAnswer('closeness', '0')).toEqual({ ok: false, error: 'choice' });
		expect(parseCheckInAnswer('newStep', '   ')).toEqual({ ok: false, error: 'required' });
	});

	it('goes forward one question at a time; without a step it asks for one', () => {
		expect(nextQuestion({}, true)).toBe('worked');
		expect(nextQuestion({ worked: 'yes', closeness: '3', bringUp: '' }, true)).toBe('step');
		expect(nextQuestion({ worked: 'yes', closeness: '3', bringUp: '', step: 'keep' }, true)).toBeNull();
		expect(nextQuestion({ worked: 'yes', closeness: '3', bringUp: '', step: 'change' }, true)).toBe(
			'newStep'
		);
		expect(nextQuestion({ worked: 'yes', closeness: '3', bringUp: '' }, false)).toBe('newStep');
		expect(completeAnswers({ worked: 'yes', closeness: '3', bringUp: '', newStep: 'Bellen' }, false)).toEqual(
			{
				worked: 'yes',
				closeness: 3,
				bringUp: '',
				step: 'change',
				newStep: 'Bellen'
			}
		);
		expect(completeAnswers({ worked: 'yes', closeness: '9', bringUp: '', step: 'keep' }, true)).toBeNull();
	});

	it('draws 5 at the top and 1 at the bottom of the chart', () => {
		const points = chartGeometry([
			{ weekStart: '2026-11-24', closeness: 1 },
			{ weekStart: '2026-12-01', closeness: 5 }
		]);
		expect(points.map(({ x, y }) => [x, y])).toEqual([
			[24, 136],
			[296, 24]
		]);
	});
});
