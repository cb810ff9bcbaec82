import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { oidcConnection, user } from '../db/schema';
import { eq } from 'drizzle-orm';
import { saveSsoSettings, ssoOrganisationFor, ssoSettingsOf } from './sso';

let db: Db;
let coordinator: Actor;
let trainer: Actor;
let participant: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	participant = await buildPerson(db, { organisationId: org.id, role: 'participant' });
});

const emailOf = async (actor: Actor) =>
	(await db.select({ email: user.email }).from(user).where(eq(user.id, actor.userId)))[0]?.email ?? '';

describe('single sign-on settings', () => {
	it('needs a secret the first time, keeps it sealed, and applies to staff of that organisation only', async () => {
		const props = {
			issuer: 'https://idp.example.org',
			clientId: 'herstelpad',
			clientSecret: null,
			enabled: true,
			requireMfa: true
		};
		expect(await saveSsoSettings(db, coordinator, props, TEST_SECRET)).toBe('secret_required');
		expect(
			await saveSsoSettings(db, coordinator, { ...props, clientSecret: 'geheim-van-de-idp' }, TEST_SECRET)
		).toBe('saved');
		const [row] = await db.select().from(oidcConnection);
		expect(row?.clientSecretEncrypted).not.toContain('geheim');
		expect(await ssoSettingsOf(db, coordinator.organisationId ?? '')).toEqual({
			issuer: 'https://idp.example.org',
			clientId: 'herstelpad',
			enabled: true,
			requireMfa: true
		});
		expect(await ssoOrganisationFor(db, (await emailOf(trainer)).toUpperCase())).toBe(trainer.organisationId);
		expect(await ssoOrganisationFor(db, await emailOf(participant))).toBeNull();
		// Saving again without a secret keeps the stored one; switching it off stops SSO.
		expect(await saveSsoSettings(db, coordinator, { ...props, enabled: false }, TEST_SECRET)).toBe('saved');
		expect(await ssoOrganisationFor(db, await emailOf(trainer))).toBeNull();
	});

	it('asks for the second factor by default, and keeps the coordinator’s choice', async () => {
		const [row] = await db.select({ requireMfa: oidcConnection.requireMfa }).from(oidcConnection);
		expect(row?.requireMfa).toBe(true);
		const props = { issuer: 'https://idp.example.org', clientId: 'x', clientSecret: null, enabled: true };
		await saveSsoSettings(db, coordinator, { ...props, requireMfa: false }, TEST_SECRET);
		expect((await ssoSettingsOf(db, coordinator.organisationId ?? ''))?.requireMfa).toBe(false);
		await saveSsoSettings(db, coordinator, { ...props, requireMfa: true }, TEST_SECRET);
		expect((await ssoSettingsOf(db, coordinator.organisationId ?? ''))?.requireMfa).toBe(true);
	});
});
