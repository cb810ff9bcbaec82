import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, formatLoginCode, newLoginCode, normaliseLoginCode } from './login-code';

describe('login codes', () => {
	it('are 16 characters from the unambiguous alphabet, printed in groups of four', () => {
		const code = newLoginCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
		expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{16}$`));
		expect(formatLoginCode(code)).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
	});

	it('forgive case, spaces, dashes and look-alike letters', () => {
		expect(normaliseLoginCode(' k7qm-3rtx 9hdp–wc2a ')).toBe('K7QM3RTX9HDPWC2A');
		expect(normaliseLoginCode('O0IL-0000-0000-0000')).toBe('0011000000000000');
		expect(normaliseLoginCode('te kort')).toBeNull();
		expect(normaliseLoginCode('UUUU-UUUU-UUUU-UUUU')).toBeNull();
	});

	it('read back every printed code, typed in any case', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.boolean(), (bytes, lower) => {
				const code = newLoginCode(bytes);
				const printed = formatLoginCode(code);
				expect(normaliseLoginCode(lower ? printed.toLowerCase() : printed)).toBe(code);
			})
		);
	});

	it('never throws on any input', () => {
		fc.assert(
			fc.property(fc.string(), (input) => {
				const result = normaliseLoginCode(input);
				if (result !== null) expect(result).toHaveLength(16);
			})
		);
	});
});
