import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { researchForms, STUDY_NAME_MAX } from './schema';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};

describe('the new study form', () => {
	it('takes a name, trimmed', () => {
		expect(parseForm(researchForms.study, form({ naam: '  Herstel in beeld ' }))).toEqual({
			ok: true,
			data: { name: 'Herstel in beeld' }
		});
	});

	it('names an empty, a too long or a missing name', () => {
		expect(parseForm(researchForms.study, form({ naam: '  ' }))).toMatchObject({
			ok: false,
			errors: { naam: 'required' }
		});
		expect(parseForm(researchForms.study, form({ naam: 'x'.repeat(STUDY_NAME_MAX + 1) }))).toMatchObject({
			ok: false,
			errors: { naam: 'too_long' }
		});
		expect(parseForm(researchForms.study, form({}))).toMatchObject({ ok: false });
	});

	it('never throws, and what it accepts is a short line without control characters', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (naam) => {
				const parsed = parseForm(researchForms.study, form({ naam }));
				if (parsed.ok) {
					expect(parsed.data.name.length).toBeGreaterThan(0);
					expect(parsed.data.name.length).toBeLessThanOrEqual(STUDY_NAME_MAX);
					expect([...parsed.data.name].some((char) => char.charCodeAt(0) < 32 || char === '\u007f')).toBe(
						false
					);
				} else expect(Object.keys(parsed.errors)).toEqual(['naam']);
			})
		);
	});
});
