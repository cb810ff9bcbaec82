/**
 * Failed sign-ins leave a trace in the access log (NEN 7513, ASVS V16): a wrong password, an
 * unknown email, a used, replaced, expired or unknown card code, an unusable emailed link — with
 * the reason, for the account that was tried when it is known, and never what was typed.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { accessLogOfOrganisation } from '../audit/queries';
import { issueLoginCards, redeemLoginCard } from '../cards/commands';
import type { Db } from '../db/client';
import { auditEvent, loginCard, person, signInLink, user } from '../db/schema';
import { checkPassword, recordPasswordFailure, setPassword } from './credentials';
import { consumeLink, createLink } from './links';

let db: Db;
let coordinator: Actor;
let trainer: Actor;
let anna: Actor;
let bram: Actor;
const typed: string[] = [];

const failures = () =>
	db
		.select()
		.from(auditEvent)
		.where(eq(auditEvent.eventType, 'auth.sign_in_failed'))
		.orderBy(auditEvent.chainSeq);

async function lastFailure() {
	const rows = await failures();
	return rows.at(-1);
}

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tom' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	await setPassword(db, trainer.userId, 'het-goede-wachtwoord');
});

describe('a failed password sign-in', () => {
	it('is logged for the account whose email was typed, with the reason, without the password', async () => {
		const [row] = await db.select({ email: user.email }).from(user).where(eq(user.id, trainer.userId));
		const email = (row?.email ?? '').toUpperCase();
		typed.push('een-fout-wachtwoord');
		expect(await checkPassword(db, email, 'een-fout-wachtwoord')).toBeNull();
		await recordPasswordFailure(db, email);
		expect(await lastFailure()).toMatchObject({
			action: 'E',
			outcome: 'failure',
			actorPersonId: trainer.personId,
			actorName: 'Tom',
			actorRole: 'trainer',
			organisationId: trainer.organisationId,
			objectType: 'sign_in_failure',
			objectId: 'password_wrong'
		});
	});

	it('names nobody for an unknown email, and keeps nothing of what was typed', async () => {
		typed.push('niemand-bekend@example.org');
		await recordPasswordFailure(db, 'niemand-bekend@example.org');
		expect(await lastFailure()).toMatchObject({
			outcome: 'failure',
			actorPersonId: null,
			actorName: null,
			organisationId: null,
			objectId: 'email_unknown'
		});
	});
});

describe('a failed login card', () => {
	it('is logged as unknown, used, replaced or expired; the card’s participant is named when known', async () => {
		const [first] = await issueLoginCards(db, trainer, [anna.personId]);
		const [second] = await issueLoginCards(db, trainer, [anna.personId]);
		const [forBram] = await issueLoginCards(db, trainer, [bram.personId]);
		const codes = [first?.code, second?.code, forBram?.code].map((code) => code ?? '');
		typed.push(...codes, 'AAAA-BBBB-CCCC-DDDD');

		expect(await redeemLoginCard(db, 'AAAA-BBBB-CCCC-DDDD')).toBeNull();
		expect(await lastFailure()).toMatchObject({
			actorPersonId: null,
			organisationId: null,
			objectId: 'card_unknown'
		});
		expect(await redeemLoginCard(db, 'nonsense')).toBeNull();
		expect((await lastFailure())?.objectId).toBe('card_unknown');

		expect(await redeemLoginCard(db, codes[0] ?? '')).toBeNull();
		expect(await lastFailure()).toMatchObject({
			actorPersonId: anna.personId,
			organisationId: anna.organisationId,
			objectId: 'card_replaced'
		});

		expect(await redeemLoginCard(db, codes[1] ?? '')).not.toBeNull();
		expect(await redeemLoginCard(db, codes[1] ?? '')).toBeNull();
		expect(await lastFailure()).toMatchObject({ actorPersonId: anna.personId, objectId: 'card_used' });

		await db
			.update(loginCard)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(loginCard.personId, bram.personId));
		expect(await redeemLoginCard(db, codes[2] ?? '')).toBeNull();
		expect(await lastFailure()).toMatchObject({ actorPersonId: bram.personId, objectId: 'card_expired' });
	});
});

describe('a failed emailed link', () => {
	it('is logged as unknown, used, expired, or for an account that is switched off', async () => {
		await db.transaction((tx) => consumeLink(tx, 'magic_link', 'x'.repeat(43)));
		expect(await lastFailure()).toMatchObject({ actorPersonId: null, objectId: 'link_unknown' });
		await db.transaction((tx) => consumeLink(tx, 'magic_link', 'not a token'));
		expect((await lastFailure())?.objectId).toBe('link_unknown');

		const token = await createLink(db, { personId: anna.personId, purpose: 'magic_link' });
		typed.push(token);
		expect(await db.transaction((tx) => consumeLink(tx, 'magic_link', token))).not.toBeNull();
		expect(await db.transaction((tx) => consumeLink(tx, 'magic_link', token))).toBeNull();
		expect(await lastFailure()).toMatchObject({ actorPersonId: anna.personId, objectId: 'link_used' });

		const late = await createLink(db, { personId: anna.personId, purpose: 'magic_link' });
		typed.push(late);
		await db
			.update(signInLink)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(signInLink.personId, anna.personId));
		expect(await db.transaction((tx) => consumeLink(tx, 'magic_link', late))).toBeNull();
		expect(await lastFailure()).toMatchObject({ actorPersonId: anna.personId, objectId: 'link_expired' });

		const off = await createLink(db, { personId: bram.personId, purpose: 'magic_link' });
		typed.push(off);
		await db.update(person).set({ deactivatedAt: new Date() }).where(eq(person.id, bram.personId));
		expect(await db.transaction((tx) => consumeLink(tx, 'magic_link', off))).toBeNull();
		expect(await lastFailure()).toMatchObject({ actorPersonId: bram.personId, objectId: 'account_inactive' });
	});
});

describe('the failures in the log', () => {
	it('never hold a password, a code, a link or an unknown email that was typed', async () => {
		const all = JSON.stringify(await db.select().from(auditEvent)).toLowerCase();
		for (const secret of typed) expect(all).not.toContain(secret.toLowerCase());
	});

	it('show in the coordinator’s viewer when they concern the organisation’s people', async () => {
		const rows = (await accessLogOfOrganisation(db, coordinator, {}, { limit: 200, purpose: 'view' })) ?? [];
		const reasons = rows.filter((row) => row.eventType === 'auth.sign_in_failed').map((row) => row.objectId);
		expect(new Set(reasons)).toEqual(
			new Set([
				'password_wrong',
				'card_replaced',
				'card_used',
				'card_expired',
				'link_used',
				'link_expired',
				'account_inactive'
			])
		);
		expect(rows.every((row) => row.outcome === 'success' || row.eventType.endsWith('_failed'))).toBe(true);
	});
});
