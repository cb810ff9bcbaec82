import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseFields } from './form-fields';
import { freeText } from './input';

const input = z.object({ text: freeText(20, { required: 'goal_required' }), why: freeText(20) });
const names = { doel: 'text', waarom: 'why' } as const;
const form = (entries: Record<string, string>) => new URLSearchParams(entries);

describe('parseFields', () => {
	it("gives the schema's English data from the Dutch fields", () => {
		expect(parseFields(input, form({ doel: 'Werk', waarom: 'Geld' }), names)).toEqual({
			ok: true,
			data: { text: 'Werk', why: 'Geld' }
		});
	});

	it('gives values and errors back under the Dutch field names the page uses', () => {
		expect(parseFields(input, form({ doel: '', waarom: 'Geld', ander: 'x' }), names)).toEqual({
			ok: false,
			values: { doel: '', waarom: 'Geld', ander: 'x' },
			errors: { doel: 'goal_required' }
		});
		expect(parseFields(input, form({ doel: 'a\u0000' }), names)).toMatchObject({
			ok: false,
			errors: { doel: 'invalid_characters' }
		});
	});
});
