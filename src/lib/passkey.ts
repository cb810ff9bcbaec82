/**
 * Passkeys in the browser. The WebAuthn helpers (@simplewebauthn/browser) load when a passkey button
 * is pressed, not with the page: most people who open the sign-in page use their password.
 */
import type { startAuthentication, startRegistration } from '@simplewebauthn/browser';

type SignInOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];
type CreateOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

/** Whether this browser can use passkeys at all (what @simplewebauthn's browserSupportsWebAuthn checks). */
export function webAuthnSupported(): boolean {
	return typeof globalThis.PublicKeyCredential === 'function';
}

/** Signs in with a passkey of this device (the options come from the server). */
export async function passkeyAuthentication(optionsJSON: SignInOptions) {
	const webAuthn = await import('@simplewebauthn/browser');
	return webAuthn.startAuthentication({ optionsJSON });
}

/** Makes a passkey on this device (the options come from the server). */
export async function passkeyRegistration(optionsJSON: CreateOptions) {
	const webAuthn = await import('@simplewebauthn/browser');
	return webAuthn.startRegistration({ optionsJSON });
}
