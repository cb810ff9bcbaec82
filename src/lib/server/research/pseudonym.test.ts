import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newStudyKey, pseudonym, PSEUDONYM_LENGTH } from './pseudonym';

const key = () => Buffer.from(newStudyKey(), 'base64url');

describe('pseudonym', () => {
	it('is 16 hex characters, stable under one key', () => {
		const k = key();
		fc.assert(
			fc.property(fc.uuid(), (id) => {
				const p = pseudonym(k, id);
				expect(p).toMatch(new RegExp(`^[0-9a-f]{${PSEUDONYM_LENGTH}}$`));
				expect(pseudonym(k, id)).toBe(p);
				expect(p).not.toContain(id.replace(/-/g, '').slice(0, 8));
			})
		);
	});

	it('differs between keys, between ids and between a person and a group with the same id', () => {
		const id = randomUUID();
		const [a, b] = [key(), key()];
		expect(pseudonym(a, id)).not.toBe(pseudonym(b, id));
		expect(pseudonym(a, id)).not.toBe(pseudonym(a, randomUUID()));
		expect(pseudonym(a, id)).not.toBe(pseudonym(a, id, 'group'));
	});

	it('makes keys of 32 random bytes', () => {
		expect(Buffer.from(newStudyKey(), 'base64url')).toHaveLength(32);
		expect(newStudyKey()).not.toBe(newStudyKey());
	});
});
