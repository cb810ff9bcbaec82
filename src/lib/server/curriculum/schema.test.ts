import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namedFields } from '../form-fields';
import { parseForm } from '../forms';
import { moduleDateInput, moduleStateInput, moveModuleInput, stepHiddenInput } from './schema';

const form = (values: Record<string, string>) => new URLSearchParams(values);

describe('course forms', () => {
	it('accept what the pages send', () => {
		expect(parseForm(moduleStateInput, form({ moduleNumber: '3', state: 'closed' }))).toEqual({
			ok: true,
			data: { moduleNumber: 3, state: 'closed' }
		});
		expect(parseForm(moduleDateInput, form({ moduleNumber: '2', date: '2026-12-03' })).ok).toBe(true);
		expect(parseForm(moduleDateInput, form({ moduleNumber: '2', date: '' })).ok).toBe(true);
		expect(parseForm(stepHiddenInput, form({ stepKey: '02-het-verhaal-van-sam', hidden: 'ja' }))).toEqual({
			ok: true,
			data: { stepKey: '02-het-verhaal-van-sam', hidden: true }
		});
	});
	it('refuse days that do not exist and other values with an error key', () => {
		expect(parseForm(moduleDateInput, form({ moduleNumber: '2', date: '2026-02-31' }))).toMatchObject({
			ok: false,
			errors: { date: 'date_invalid' }
		});
		expect(parseForm(moveModuleInput, form({ moduleNumber: '0', direction: 'up' })).ok).toBe(false);
		expect(parseForm(stepHiddenInput, form({ stepKey: '../x', hidden: 'ja' })).ok).toBe(false);
	});
	it('read the page’s Dutch field names and report errors under them', () => {
		const dated = namedFields(moduleDateInput, { moduleNumber: 'module', date: 'datum' });
		expect(parseForm(dated, form({ module: '2', datum: '2026-12-03' }))).toEqual({
			ok: true,
			data: { moduleNumber: 2, date: '2026-12-03' }
		});
		expect(parseForm(dated, form({ module: '2', datum: '2026-02-31' }))).toMatchObject({
			ok: false,
			errors: { datum: 'date_invalid' }
		});
	});
	it('never throw, whatever is posted', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.constantFrom('moduleNumber', 'state', 'direction', 'date', 'stepKey', 'hidden'),
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
