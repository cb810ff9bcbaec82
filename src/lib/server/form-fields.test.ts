import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { namedFields } from './form-fields';
import { freeText } from './input';
import { parseForm } from './forms';

const period = z
	.object({
		from: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid')
			.optional(),
		to: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid')
			.optional(),
		groupId: z.uuid('invalid')
	})
	.refine((value) => !value.from || !value.to || value.from <= value.to, {
		message: 'period_reversed',
		path: ['to']
	});
const fields = namedFields(period, { from: 'van', to: 'tot', groupId: 'groep' });
const groep = '7f78d5c3-f28c-4cd6-8f81-0579865cf41e';

describe('namedFields', () => {
	it('reads the page’s field names and hands on the English keys', () => {
		const parsed = parseForm(fields, new URLSearchParams(`van=2026-01-01&groep=${groep}&anders=x`));
		expect(parsed).toEqual({ ok: true, data: { from: '2026-01-01', groupId: groep } });
	});

	it('names every problem by the page’s field, also a check across fields', () => {
		expect(parseForm(fields, new URLSearchParams('van=1-1-2026&groep=x'))).toMatchObject({
			ok: false,
			errors: { van: 'date_invalid', groep: 'invalid' }
		});
		expect(
			parseForm(fields, new URLSearchParams(`van=2026-02-01&tot=2026-01-01&groep=${groep}`))
		).toMatchObject({ ok: false, values: { van: '2026-02-01' }, errors: { tot: 'period_reversed' } });
	});

	it('does not take an English key sent as a field', () => {
		expect(parseForm(fields, new URLSearchParams(`groupId=${groep}`))).toMatchObject({
			ok: false,
			errors: { groep: 'invalid' }
		});
	});
});

const goalInput = z.object({ text: freeText(20, { required: 'goal_required' }), why: freeText(20) });
const names = { text: 'doel', why: 'waarom' } as const;
const dutchForm = (entries: Record<string, string>) => new URLSearchParams(entries);

describe('namedFields with Dutch field names', () => {
	it("gives the schema's English data from the Dutch fields", () => {
		expect(parseForm(namedFields(goalInput, names), dutchForm({ doel: 'Werk', waarom: 'Geld' }))).toEqual({
			ok: true,
			data: { text: 'Werk', why: 'Geld' }
		});
	});

	it('gives values and errors back under the Dutch field names the page uses', () => {
		expect(
			parseForm(namedFields(goalInput, names), dutchForm({ doel: '', waarom: 'Geld', ander: 'x' }))
		).toEqual({
			ok: false,
			values: { doel: '', waarom: 'Geld', ander: 'x' },
			errors: { doel: 'goal_required' }
		});
		expect(parseForm(namedFields(goalInput, names), dutchForm({ doel: 'a\u0000' }))).toMatchObject({
			ok: false,
			errors: { doel: 'invalid_characters' }
		});
	});
});
