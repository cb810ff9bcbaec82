import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICES, INTAKE_QUESTIONS, parseIntake, suggestPath, validIntakeAnswer } from './intake';

const base = {
	device: 'smartphone',
	internetAtHome: true,
	hasEmail: true,
	confidence: 4,
	helpWanted: false
} as const;

describe('digital-readiness intake', () => {
	it('suggests paper without a device or internet, guidance with little confidence or a wish for help', () => {
		expect(suggestPath(base)).toBe('own_device');
		expect(suggestPath({ ...base, device: 'none' })).toBe('paper');
		expect(suggestPath({ ...base, internetAtHome: false })).toBe('paper');
		expect(suggestPath({ ...base, confidence: 2 })).toBe('guided');
		expect(suggestPath({ ...base, helpWanted: true })).toBe('guided');
		expect(suggestPath({ ...base, hasEmail: false })).toBe('own_device');
	});

	it('reads the wizard fields, and never accepts anything else', () => {
		expect(
			parseIntake({
				device: 'tablet',
				internetAtHome: 'yes',
				hasEmail: 'no',
				confidence: '3',
				helpWanted: 'yes'
			})
		).toEqual({
			device: 'tablet',
			internetAtHome: true,
			hasEmail: false,
			confidence: 3,
			helpWanted: true
		});
		fc.assert(
			fc.property(
				fc.record({
					device: fc.oneof(fc.constantFrom(...DEVICES), fc.string()),
					internetAtHome: fc.oneof(fc.constantFrom('yes', 'no'), fc.string()),
					hasEmail: fc.oneof(fc.constantFrom('yes', 'no'), fc.string()),
					confidence: fc.oneof(fc.constantFrom('1', '5'), fc.string()),
					helpWanted: fc.oneof(fc.constantFrom('yes', 'no'), fc.string())
				}),
				(values) => {
					const parsed = parseIntake(values);
					const allValid = INTAKE_QUESTIONS.every((question) =>
						validIntakeAnswer(question, values[question])
					);
					expect(parsed !== null).toBe(allValid);
				}
			)
		);
	});
});

describe('starter lessons', () => {
	it('are offered after an intake that suggests guidance, until every lesson is done', async () => {
		const { offerStarterLessons, STARTER_LESSONS } = await import('./starter-lessons');
		expect(offerStarterLessons('guided', [])).toBe(true);
		expect(offerStarterLessons('guided', ['sign-in', 'video'])).toBe(true);
		expect(
			offerStarterLessons(
				'guided',
				STARTER_LESSONS.map((lesson) => lesson.key)
			)
		).toBe(false);
		expect(offerStarterLessons('own_device', [])).toBe(false);
		expect(offerStarterLessons(null, [])).toBe(false);
	});
});
