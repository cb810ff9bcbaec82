import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, seal, tokenHash } from './secret-box';

const secret = 'a-test-secret-of-at-least-32-characters';

describe('secret box', () => {
	it('opens what it sealed, for any text', () => {
		fc.assert(fc.property(fc.string(), (plain) => open(seal(plain, secret), secret) === plain));
	});

	it('refuses a value sealed under another secret or changed on the way', () => {
		const sealed = seal('JBSWY3DPEHPK3PXP', secret);
		expect(() => open(sealed, 'another-secret-of-at-least-32-characters')).toThrow();
		const parts = sealed.split('.');
		parts[3] = Buffer.from('tampered').toString('base64url');
		expect(() => open(parts.join('.'), secret)).toThrow();
		expect(() => open('garbage', secret)).toThrow('not a sealed value');
	});

	it('hashes tokens to 64 hex characters', () => {
		expect(tokenHash('abc')).toMatch(/^[0-9a-f]{64}$/);
	});
});
