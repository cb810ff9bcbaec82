import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from './csv';

describe('csvField', () => {
	it('quotes commas, quotes and line breaks', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('zei "hoi"')).toBe('"zei ""hoi"""');
		expect(csvField('twee\nregels')).toBe('"twee\nregels"');
		expect(csvField(null)).toBe('');
	});

	it('defuses values a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('-1+1')).toBe("'-1+1");
		expect(csvField("'-")).toBe("''-");
	});

	it('round-trips any text through a minimal CSV reader', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const field = csvField(text);
				const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
				expect(unquoted.replace(/^'(?=[=+\-@\t\r'])/, '')).toBe(text);
			})
		);
	});
});
