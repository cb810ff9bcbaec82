/**
 * Offline drafts are sealed on the device with a public key of the signed-in session, and only the
 * server can open them (ECDH P-256 with a fresh key per draft, HKDF-SHA-256, AES-256-GCM). The
 * session's key pair is derived from the app secret and the session id, so it is the same on every
 * instance, is stored nowhere, and dies with the session: a draft left on a device after its session
 * ended can no longer be read by anyone. See docs/offline.md (the ASVS V14.3 decision).
 */
import { createECDH, createHmac } from 'node:crypto';
import { contentKey, fromBase64url, type SealedDraft } from '$lib/offline/seal';

// The order of the P-256 group: a private key is a number from 1 to n − 1.
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const CACHE_LIMIT = 1000;

const DERIVATION = 'herstelpad offline draft key v1';

interface SessionKey {
	/** The public key, uncompressed point in base64url: what the device seals with. */
	publicKey: string;
	privateKey: Promise<CryptoKey>;
}

// Deriving is cheap, but a page response should not pay for it each time.
const cache = new Map<string, SessionKey>();

function privateScalar(secret: string, sessionId: string): Buffer {
	for (let round = 0; ; round += 1) {
		const d = createHmac('sha256', secret).update(`${DERIVATION}\0${sessionId}\0${round}`).digest();
		const value = BigInt(`0x${d.toString('hex')}`);
		if (value > 0n && value < P256_ORDER) return d;
	}
}

function sessionKey(secret: string, sessionId: string): SessionKey {
	const found = cache.get(`${secret}\0${sessionId}`);
	if (found) return found;
	const d = privateScalar(secret, sessionId);
	const ecdh = createECDH('prime256v1');
	ecdh.setPrivateKey(d);
	const point = ecdh.getPublicKey();
	const jwk = {
		kty: 'EC',
		crv: 'P-256',
		d: d.toString('base64url'),
		x: point.subarray(1, 33).toString('base64url'),
		y: point.subarray(33, 65).toString('base64url'),
		ext: false
	};
	const key: SessionKey = {
		publicKey: point.toString('base64url'),
		privateKey: crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, false, [
			'deriveBits'
		])
	};
	if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(`${secret}\0${sessionId}`, key);
	return key;
}

/** The session's public key, for the device to seal drafts with. */
export function draftPublicKey(secret: string, sessionId: string): string {
	return sessionKey(secret, sessionId).publicKey;
}

export type { SealedDraft };

/**
 * Opens a draft sealed for this session: its text, or null when it cannot be opened (another
 * session's, altered, or not a draft at all).
 */
export async function openDraft(
	secret: string,
	sessionId: string,
	sealed: SealedDraft
): Promise<string | null> {
	const key = sessionKey(secret, sessionId);
	try {
		const devicePublic = await crypto.subtle.importKey(
			'raw',
			fromBase64url(sealed.epk),
			{ name: 'ECDH', namedCurve: 'P-256' },
			false,
			[]
		);
		const shared = await crypto.subtle.deriveBits(
			{ name: 'ECDH', public: devicePublic },
			await key.privateKey,
			256
		);
		const aes = await contentKey(shared, fromBase64url(key.publicKey));
		const iv = fromBase64url(sealed.iv);
		if (iv.length !== 12) return null;
		const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, aes, fromBase64url(sealed.ct));
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch {
		return null;
	}
}
