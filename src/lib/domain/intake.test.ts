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
			parseIntake({ apparaat: 'tablet', internet: 'ja', email: 'nee', vertrouwen: '3', hulp: 'ja' })
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
					apparaat: fc.oneof(fc.constantFrom(...DEVICES), fc.string()),
					internet: fc.oneof(fc.constantFrom('ja', 'nee'), fc.string()),
					email: fc.oneof(fc.constantFrom('ja', 'nee'), fc.string()),
					vertrouwen: fc.oneof(fc.constantFrom('1', '5'), fc.string()),
					hulp: fc.oneof(fc.constantFrom('ja', 'nee'), fc.string())
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
		expect(offerStarterLessons('guided', ['inloggen', 'video'])).toBe(true);
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
