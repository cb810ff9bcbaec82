import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { moduleDateInput, moduleStateInput, moveModuleInput, stepHiddenInput } from './schema';

const form = (values: Record<string, string>) => new URLSearchParams(values);

describe('course forms', () => {
	it('accept what the pages send', () => {
		expect(parseForm(moduleStateInput, form({ module: '3', state: 'closed' }))).toEqual({
			ok: true,
			data: { module: 3, state: 'closed' }
		});
		expect(parseForm(moduleDateInput, form({ module: '2', datum: '2026-12-03' })).ok).toBe(true);
		expect(parseForm(moduleDateInput, form({ module: '2', datum: '' })).ok).toBe(true);
		expect(parseForm(stepHiddenInput, form({ stap: '02-het-verhaal-van-sam', verborgen: 'ja' })).ok).toBe(
			true
		);
	});
	it('refuse days that do not exist and other values with an error key', () => {
		expect(parseForm(moduleDateInput, form({ module: '2', datum: '2026-02-31' }))).toMatchObject({
			ok: false,
			errors: { datum: 'date_invalid' }
		});
		expect(parseForm(moveModuleInput, form({ module: '0', richting: 'up' })).ok).toBe(false);
		expect(parseForm(stepHiddenInput, form({ stap: '../x', verborgen: 'ja' })).ok).toBe(false);
	});
	it('never throw, whatever is posted', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.constantFrom('module', 'state', 'richting', 'datum', 'stap', 'verborgen'),
					fc.string()
				),
				(values) => {
					for (const schema of [moduleStateInput, moveModuleInput, moduleDateInput, stepHiddenInput]) {
						const parsed = parseForm(schema, form(values));
						if (!parsed.ok)
							expect(Object.values(parsed.errors).every((key) => typeof key === 'string')).toBe(true);
					}
				}
			)
		);
	});
});
