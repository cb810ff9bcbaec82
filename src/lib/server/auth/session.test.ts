import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedToken, sessionCookieName } from './session';

describe('session cookie', () => {
	it('accepts the tokens Herstelpad makes', () => {
		for (let i = 0; i < 50; i++) expect(isWellFormedToken(randomBytes(32).toString('base64url'))).toBe(true);
	});

	it('refuses anything else without a database lookup', () => {
		expect(isWellFormedToken(undefined)).toBe(false);
		expect(isWellFormedToken('')).toBe(false);
		expect(isWellFormedToken(`${'a'.repeat(42)}=`)).toBe(false);
		fc.assert(
			fc.property(fc.string(), (value) => {
				if (isWellFormedToken(value)) expect(value).toMatch(/^[\w-]{43}$/);
			})
		);
	});

	it('uses the __Host- prefix on https only', () => {
		expect(sessionCookieName(false)).toBe('herstelpad');
		expect(sessionCookieName(true)).toBe('__Host-herstelpad');
	});
});

describe('two factors for the access log viewer', () => {
	it('counts TOTP, backup codes, passkeys and provider-reported MFA, not a plain SSO sign-in', async () => {
		const { hasTwoFactors } = await import('./session');
		const { reportsMultiFactor } = await import('./sso');
		for (const factor of ['totp', 'backup_code', 'passkey', 'oidc_mfa']) {
			expect(hasTwoFactors({ secondFactor: factor })).toBe(true);
		}
		expect(hasTwoFactors({ secondFactor: 'oidc' })).toBe(false);
		expect(hasTwoFactors({ secondFactor: null })).toBe(false);
		expect(hasTwoFactors(null)).toBe(false);
		expect(reportsMultiFactor(['pwd', 'otp'])).toBe(true);
		expect(reportsMultiFactor(['pwd'])).toBe(false);
		expect(reportsMultiFactor('mfa')).toBe(false);
	});

	it('reads amr and acr of the ID token: mfa, two kinds of factor, or a known multi-factor acr', async () => {
		const { reportsMultiFactor } = await import('./sso');
		const cases: [unknown, unknown, boolean][] = [
			[['pwd', 'mfa'], undefined, true],
			[['mfa'], undefined, true],
			[['pwd', 'otp'], undefined, true],
			[['hwk', 'pin'], undefined, true],
			[['face', 'swk'], undefined, true],
			// One factor, or two of the same kind, is not multi-factor.
			[['pwd'], undefined, false],
			[['otp'], undefined, false],
			[['pwd', 'pin', 'kba'], undefined, false],
			[['pwd', 'something-new'], undefined, false],
			[[], undefined, false],
			[undefined, undefined, false],
			[undefined, 'http://schemas.openid.net/pape/policies/2007/06/multi-factor', true],
			[['pwd'], 'http://eidas.europa.eu/LoA/substantial', true],
			[['pwd'], 'urn:etoegang:core:assurance-class:loa3', true],
			[['pwd'], 'http://eidas.europa.eu/LoA/low', false],
			[['pwd'], '2', false],
			[undefined, ['http://eidas.europa.eu/LoA/high'], false]
		];
		for (const [amr, acr, expected] of cases)
			expect(reportsMultiFactor(amr, acr), JSON.stringify({ amr, acr })).toBe(expected);
	});
});
