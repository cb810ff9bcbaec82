import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { person, signInLink } from '../db/schema';
import { inviteCoordinator, inviteStaff } from '../people/invitations';
import { Conflict } from '../errors';
import { checkPassword } from './credentials';
import { consumeLink, createLink, linkPurposeFor, peekLink, useLink } from './links';

let db: Db;
let participant: Actor;
let coordinator: Actor;
let trainer: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	participant = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
});

describe('emailed links', () => {
	it('work once; peeking uses nothing up; a newer link replaces an older one', async () => {
		const first = await createLink(db, { personId: participant.personId, purpose: 'magic_link' });
		const second = await createLink(db, { personId: participant.personId, purpose: 'magic_link' });
		expect(await peekLink(db, 'magic_link', first)).toBeNull();
		expect((await peekLink(db, 'magic_link', second))?.personId).toBe(participant.personId);
		expect(await peekLink(db, 'password_reset', second)).toBeNull();
		const used = await db.transaction((tx) => consumeLink(tx, 'magic_link', second));
		expect(used?.userId).toBe(participant.userId);
		expect(await db.transaction((tx) => consumeLink(tx, 'magic_link', second))).toBeNull();
	});

	it('expire, and stop working for a deactivated person', async () => {
		const token = await createLink(db, { personId: participant.personId, purpose: 'magic_link' });
		await db.update(signInLink).set({ expiresAt: new Date(Date.now() - 1000) });
		expect(await db.transaction((tx) => consumeLink(tx, 'magic_link', token))).toBeNull();
		const again = await createLink(db, { personId: participant.personId, purpose: 'magic_link' });
		await db.update(person).set({ deactivatedAt: new Date() }).where(eq(person.id, participant.personId));
		expect(await peekLink(db, 'magic_link', again)).toBeNull();
		expect(await peekLink(db, 'magic_link', 'not-a-token')).toBeNull();
	});

	it('set the new password together with using a reset link up, and only then', async () => {
		const token = await createLink(db, { personId: trainer.personId, purpose: 'password_reset' });
		const email = (await peekLink(db, 'password_reset', token))?.email ?? '';
		expect((await useLink(db, 'password_reset', token, 'een-heel-nieuw-wachtwoord'))?.userId).toBe(
			trainer.userId
		);
		expect(await checkPassword(db, email, 'een-heel-nieuw-wachtwoord')).toBe(trainer.userId);
		expect(await useLink(db, 'password_reset', token, 'nog-een-ander-wachtwoord')).toBeNull();
		expect(await checkPassword(db, email, 'nog-een-ander-wachtwoord')).toBeNull();
	});

	it('gives staff a password reset and participants a sign-in link', () => {
		expect(linkPurposeFor('trainer')).toBe('password_reset');
		expect(linkPurposeFor('coordinator')).toBe('password_reset');
		expect(linkPurposeFor('participant')).toBe('magic_link');
		expect(linkPurposeFor('significant_other')).toBe('magic_link');
	});
});

describe('staff invitations', () => {
	it('only a coordinator invites, into their own organisation, with a unique email', async () => {
		const invited = await inviteStaff(db, coordinator, {
			displayName: 'Nieuw',
			email: 'Nieuw@Example.org',
			role: 'trainer',
			isPeerExpert: true
		});
		const owner = await peekLink(db, 'invitation', invited.token);
		expect(owner).toMatchObject({
			role: 'trainer',
			email: 'nieuw@example.org',
			organisationId: coordinator.organisationId
		});
		await expect(
			inviteStaff(db, coordinator, {
				displayName: 'X',
				email: 'nieuw@example.org',
				role: 'researcher',
				isPeerExpert: false
			})
		).rejects.toBeInstanceOf(Conflict);
		await expect(
			inviteStaff(db, trainer, {
				displayName: 'X',
				email: 'x@example.org',
				role: 'trainer',
				isPeerExpert: false
			})
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('coordinator invitations (platform admin, command line)', () => {
	it('creates the organisation once and invites its coordinator', async () => {
		const props = {
			organisationName: 'GGZ Test',
			slug: 'ggz-test',
			displayName: 'Coördinator',
			email: 'c@ggz.test'
		};
		const first = await inviteCoordinator(db, props);
		expect((await peekLink(db, 'invitation', first.token))?.role).toBe('coordinator');
		const second = await inviteCoordinator(db, { ...props, email: 'tweede@ggz.test' });
		expect(second.organisationId).toBe(first.organisationId);
		await expect(inviteCoordinator(db, props)).rejects.toBeInstanceOf(Conflict);
	});
});
