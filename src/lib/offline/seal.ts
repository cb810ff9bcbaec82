/**
 * Sealing a draft for the server (docs/offline.md): a fresh ECDH P-256 key per draft with the
 * session's public key gives a shared secret; HKDF-SHA-256 (salt: the session's public key) turns it
 * into an AES-256-GCM key. Only the server, which derives the session's private key from its secret,
 * can open it. Web Crypto, the same in the service worker and in Node.
 */
const INFO = new TextEncoder().encode('herstelpad offline draft v1');
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A sealed draft as the device keeps and sends it (base64url parts). */
export interface SealedDraft {
	/** The draft's own one-time public key (uncompressed point). */
	epk: string;
	/** The 12-byte AES-GCM nonce. */
	iv: string;
	/** The AES-GCM ciphertext with its tag. */
	ct: string;
}

export function toBase64url(bytes: ArrayBuffer | Uint8Array): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let binary = '';
	for (const byte of view) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	const bytes = new Uint8Array(new ArrayBuffer(binary.length));
	for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
	return bytes;
}

/** The AES key both sides derive from the ECDH secret. */
export async function contentKey(
	sharedSecret: ArrayBuffer,
	sessionPublicKey: Uint8Array<ArrayBuffer>
): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', sharedSecret, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: sessionPublicKey, info: INFO },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Seals `text` for the session whose public key (base64url, uncompressed point) is given. */
export async function sealDraft(sessionPublicKey: string, text: string): Promise<SealedDraft> {
	const sessionPublic = fromBase64url(sessionPublicKey);
	const serverKey = await crypto.subtle.importKey('raw', sessionPublic, CURVE, false, []);
	const own = (await crypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
	const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: serverKey }, own.privateKey, 256);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ct = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		await contentKey(shared, sessionPublic),
		new TextEncoder().encode(text)
	);
	return {
		epk: toBase64url(await crypto.subtle.exportKey('raw', own.publicKey)),
		iv: toBase64url(iv),
		ct: toBase64url(ct)
	};
}
