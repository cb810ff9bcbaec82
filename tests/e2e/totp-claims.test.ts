/**
 * The TOTP claims of the test helpers against the real server's replay check (a step is accepted
 * once, and only above the last one accepted): staff signing in at the same moment, as parallel
 * test files would, all get in.
 */
import { expect, inject, it } from 'vitest';
import { signInOverHttp } from '../helpers/sign-in';
import { demo } from './browser';

it('signs the same staff member in twice at once: both codes are accepted', async () => {
	const base = inject('baseUrl');
	const both = await Promise.all([
		signInOverHttp(base, demo.peerTrainer),
		signInOverHttp(base, demo.peerTrainer)
	]);
	// signInOverHttp throws when the second step is refused; each sign-in is a session of its own.
	// (Steps now and next, sent in that order: the server refuses a step once a later one got in.)
	const cookies = both.map((signedIn) => signedIn.cookie);
	expect(new Set(cookies).size).toBe(2);
	for (const cookie of cookies) {
		const page = await fetch(`${base}/trainer`, { headers: { cookie }, redirect: 'manual' });
		expect(page.status).toBe(200);
	}
});
