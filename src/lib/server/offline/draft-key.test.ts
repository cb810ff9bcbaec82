import { describe, expect, it } from 'vitest';
import { sealDraft } from '$lib/offline/seal';
import { draftPublicKey, openDraft } from './draft-key';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';

describe('offline draft keys', () => {
	it('a draft sealed with the session public key opens with that session only', async () => {
		const key = draftPublicKey(secret, 'session-a');
		expect(key).toMatch(/^[A-Za-z0-9_-]{87}$/);
		expect(draftPublicKey(secret, 'session-a')).toBe(key);
		expect(draftPublicKey(secret, 'session-b')).not.toBe(key);
		const sealed = await sealDraft(key, 'Geschreven zonder bereik ✓');
		expect(await openDraft(secret, 'session-a', sealed)).toBe('Geschreven zonder bereik ✓');
		expect(await openDraft(secret, 'session-b', sealed)).toBeNull();
		expect(await openDraft('another-secret-of-at-least-thirty-two-chars', 'session-a', sealed)).toBeNull();
	});

	it('refuses an altered or malformed draft without throwing', async () => {
		const sealed = await sealDraft(draftPublicKey(secret, 's'), 'tekst');
		const flipped = sealed.ct.startsWith('A') ? `B${sealed.ct.slice(1)}` : `A${sealed.ct.slice(1)}`;
		expect(await openDraft(secret, 's', { ...sealed, ct: flipped })).toBeNull();
		expect(await openDraft(secret, 's', { ...sealed, iv: 'AAAA' })).toBeNull();
		expect(await openDraft(secret, 's', { epk: 'x', iv: 'y', ct: 'z' })).toBeNull();
	});
});
