/**
 * Login-card codes: 16 characters from Crockford's base32 alphabet (no I, L, O or U), printed in
 * four groups of four. Typing is forgiving: case, spaces and dashes do not matter, and O, I and L
 * are read as 0, 1 and 1.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;

/** A new code from 10 random bytes (80 bits). */
export function newLoginCode(randomBytes: Uint8Array): string {
	if (randomBytes.length < 10) throw new Error('need 10 random bytes');
	let bits = 0n;
	for (const byte of randomBytes.slice(0, 10)) bits = (bits << 8n) | BigInt(byte);
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) {
		code = CODE_ALPHABET[Number(bits & 31n)] + code;
		bits >>= 5n;
	}
	return code;
}

/** "K7QM3RTX9HDPWC2A" → "K7QM-3RTX-9HDP-WC2A", for print. */
export function formatLoginCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The canonical code for what someone typed or pasted, or null when it cannot be a code. */
export function normaliseLoginCode(input: string): string | null {
	const cleaned = input
		.toUpperCase()
		.replace(/[\s\-–—_.]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (cleaned.length !== CODE_LENGTH) return null;
	for (const char of cleaned) if (!CODE_ALPHABET.includes(char)) return null;
	return cleaned;
}
