import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommonPassword, newPassword } from './password-policy';

const errorOf = (value: string) => {
	const result = newPassword.safeParse(value);
	return result.success ? null : result.error.issues[0]?.message;
};

describe('new password policy', () => {
	it('accepts 8 to 128 characters of anything that is not common', () => {
		expect(errorOf('ik loop elke ochtend naar de bakker')).toBeNull();
		expect(errorOf('x'.repeat(7))).toBe('password_too_short');
		expect(errorOf('Zq'.repeat(64))).toBeNull();
		expect(errorOf('Zq'.repeat(64) + 'z')).toBe('password_too_long');
	});

	it('blocks common passwords, also Dutch ones, whatever the case', () => {
		expect(isCommonPassword('password')).toBe(true);
		expect(isCommonPassword('Welkom01')).toBe(true);
		expect(errorOf('wachtwoord')).toBe('password_too_common');
	});

	it('has no composition rules: long random text is always accepted', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 20, maxLength: 128 }), (value) => {
				expect(errorOf(value)).toBeNull();
			})
		);
	});
});
