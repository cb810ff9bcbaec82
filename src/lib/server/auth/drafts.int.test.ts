/** A kept form (auth/drafts.ts): what someone typed comes back once, without secrets or control characters. */
import type { Cookies } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { DRAFT_COOKIE, storeDraft, takeDraft } from './drafts';

let db: Db;
let anna: Actor;

/** The cookie jar of one browser, as much of SvelteKit's Cookies as drafts use. */
function jar(): Cookies & { values: Map<string, string> } {
	const values = new Map<string, string>();
	return {
		values,
		get: (name: string) => values.get(name),
		set: (name: string, value: string) => void values.set(name, value),
		delete: (name: string) => void values.delete(name)
	} as unknown as Cookies & { values: Map<string, string> };
}

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
});

describe('kept forms', () => {
	it('hand back what was typed once, without secrets, NUL or other control characters', async () => {
		const cookies = jar();
		await storeDraft(db, cookies, anna.userId, '/doel/nieuw', {
			waarom: 'Rust\u0000 in\u0001 mijn\u007f hoofd\u0085\tmet tab\nen regel',
			wachtwoord: 'geheim'
		});
		expect(cookies.values.get(DRAFT_COOKIE)).toBe('1');
		expect(await takeDraft(db, cookies, anna.userId, '/doel/nieuw')).toEqual({
			waarom: 'Rust in mijn hoofd\tmet tab\nen regel'
		});
		expect(cookies.values.has(DRAFT_COOKIE)).toBe(false);
		expect(await takeDraft(db, cookies, anna.userId, '/doel/nieuw')).toBeNull();
	});
});
