import { z } from 'zod';
import { lineText, uuid } from '../input';
import { newPassword } from './password-policy';

/*
 * The forms of signing in and of one's own account. Messages are keys of messages/*.json (prefixed
 * with "error_" there). Keys are English; where a page's field has another (Dutch) name, the route
 * maps it (`namedFields` of ../form-fields), e.g. the page to return to, `terug`, is `returnTo`.
 */

const email = z.string().trim().min(1, 'email_required').max(254, 'too_long').pipe(z.email('email_invalid'));
const returnTo = z.string().max(2000).optional();

/** Sign-in form. */
export const signInInput = z.object({
	email,
	password: z.string().min(1, 'password_required').max(256, 'too_long'),
	returnTo
});

/** Language switch form. */
export const localeInput = z.object({ locale: z.enum(['nl', 'en']), returnTo });

/** "Email me a link", and single sign-on: the address that decides. */
export const emailInput = z.object({ email });

/** The code of the second step (authenticator app or a backup code). */
export const secondFactorInput = z.object({
	code: z.string().trim().min(1, 'code_required').max(40, 'code_invalid'),
	returnTo
});

/** A new password (reset link, invitation, or one's own choice). */
export const newPasswordInput = z.object({ password: newPassword });

/** Ending one of one's own sessions. */
export const endSessionInput = z.object({ sessionId: uuid('invalid') });

/** The browser's WebAuthn answer, passed on to the verifier as it came (its id checked for size). */
const webAuthnResponse = z.looseObject({ id: z.string().max(1000) });

/** Making a passkey (JSON from the account page): first the options, then the browser's answer to save. */
export const passkeyRegistrationBody = z.discriminatedUnion('step', [
	z.object({ step: z.literal('options') }),
	z.object({ step: z.literal('save'), response: webAuthnResponse })
]);

/** Signing in with a passkey (JSON from the sign-in page): the options, then the answer to verify. */
export const passkeySignInBody = z.discriminatedUnion('step', [
	z.object({ step: z.literal('options') }),
	z.object({
		step: z.literal('verify'),
		response: webAuthnResponse,
		returnTo: z.string().max(2000).nullish()
	})
]);

/** Removing one of one's own passkeys, confirmed. */
export const removePasskeyInput = z.object({
	// A WebAuthn credential id, base64url.
	passkeyId: z.string().regex(/^[A-Za-z0-9_-]{1,1000}$/, 'invalid'),
	confirmed: z.literal('ja', 'confirm_required')
});

const issuerUrl = lineText(500).refine(
	(value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
	'url_invalid'
);

/** A coordinator's single sign-on settings. */
export const ssoSettingsInput = z.object({
	issuer: issuerUrl,
	clientId: lineText(200, { required: 'client_id_required' }),
	clientSecret: lineText(500).optional(),
	enabled: z.literal('ja').optional(),
	requireMfa: z.literal('ja').optional()
});
