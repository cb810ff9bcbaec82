/**
 * Encrypts small secrets at rest (TOTP secrets, SSO client secrets) with AES-256-GCM under a key
 * derived from the app secret, so a copy of the database alone does not reveal them.
 */
import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes } from 'node:crypto';

function keyFrom(appSecret: string): Buffer {
	return Buffer.from(hkdfSync('sha256', appSecret, 'herstelpad', 'secret-box/v1', 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function seal(plain: string, appSecret: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyFrom(appSecret), iv);
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return ['v1', iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/** The plain text of `sealed`; throws when it was not sealed with this app secret. */
export function open(sealed: string, appSecret: string): string {
	const [version, iv, tag, body] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
	const decipher = createDecipheriv('aes-256-gcm', keyFrom(appSecret), Buffer.from(iv, 'base64url'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** SHA-256 (hex) of a high-entropy token: session tokens, link tokens, backup codes. */
export function tokenHash(token: string): string {
	// The one-shot form: every signed-in request hashes its session token.
	return hash('sha256', token, 'hex');
}
