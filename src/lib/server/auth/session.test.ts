import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionCookieName, verifiedSessionToken } from './session';

const secret = 'a-test-secret-that-is-long-enough-123';
const sign = (token: string) => `${token}.${createHmac('sha256', secret).update(token).digest('base64')}`;

describe('verifiedSessionToken', () => {
	it('returns the token of a correctly signed cookie', () => {
		expect(verifiedSessionToken(sign('abcDEF123'), secret)).toBe('abcDEF123');
	});

	it('refuses a changed token, a changed signature, another secret and garbage', () => {
		const good = sign('abcDEF123');
		expect(verifiedSessionToken(good.replace('abc', 'abd'), secret)).toBeNull();
		expect(verifiedSessionToken(`${good.slice(0, -3)}AA=`, secret)).toBeNull();
		expect(verifiedSessionToken(good, `${secret}x`)).toBeNull();
		expect(verifiedSessionToken('no-dot-here', secret)).toBeNull();
		expect(verifiedSessionToken(undefined, secret)).toBeNull();
	});

	it('never accepts an arbitrary unsigned value', () => {
		fc.assert(
			fc.property(fc.string(), (value) => {
				expect(verifiedSessionToken(value, secret)).toBeNull();
			})
		);
	});

	it('uses the __Secure- prefix on https only', () => {
		expect(sessionCookieName(false)).toBe('herstelpad.session_token');
		expect(sessionCookieName(true)).toBe('__Secure-herstelpad.session_token');
	});
});
