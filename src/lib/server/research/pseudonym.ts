/**
 * Pseudonyms for the research export: a keyed hash (HMAC-SHA256) of an id under the study's key,
 * cut to 16 hex characters. Stable within a study, unrelated between studies, and not reversible
 * without the key, which never leaves the server.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const PSEUDONYM_LENGTH = 16;

/** A new study key: 32 random bytes, base64url (sealed before it is stored). */
export function newStudyKey(): string {
	return randomBytes(32).toString('base64url');
}

/** The pseudonym of `id` (a person or, with `kind` 'group', a group) under `key`. */
export function pseudonym(key: Buffer, id: string, kind: 'person' | 'group' = 'person'): string {
	return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex').slice(0, PSEUDONYM_LENGTH);
}
