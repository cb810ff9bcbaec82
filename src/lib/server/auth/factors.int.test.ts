import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, session, totpFactor } from '../db/schema';
import { proveSecondFactor, secondStepState } from './second-factor';
import { lookupSession, sessionCache } from './session';
import { tokenHash } from './secret-box';
import { beginTotpEnrolment, newBackupCodes, verifyTotp } from './totp';

let db: Db;
let trainer: Actor;
const minute = 60_000;
const times = {
	staff: { idleMs: 30 * minute, absoluteMs: 12 * 60 * minute },
	participant: { idleMs: 12 * 60 * minute, absoluteMs: 14 * 24 * 60 * minute }
};
const codeAt = (secret: string, ms: number) =>
	new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: ms });

async function newSession(actor: Actor, id: string, lastSeenAt = new Date()) {
	const token = `${id}-token`.padEnd(43, 'x');
	await db.insert(session).values({
		id,
		token: tokenHash(token),
		userId: actor.userId,
		expiresAt: new Date(Date.now() + 12 * 60 * minute),
		lastSeenAt
	});
	return token;
}

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
});

describe('TOTP second factor', () => {
	it('enrols at the first sign-in: the first right code confirms it and hands out ten backup codes once', async () => {
		await newSession(trainer, 'enrol');
		const state = await secondStepState(db, trainer, TEST_SECRET);
		if (!state.enrolling) throw new Error('expected enrolment');
		expect(state.uri).toMatch(/^otpauth:\/\/totp\/Herstelpad:/);
		// Showing the page again keeps the same key (the person may already have scanned it).
		const again = await secondStepState(db, trainer, TEST_SECRET);
		expect(again.enrolling && again.secret).toBe(state.secret);

		const wrong = await proveSecondFactor(db, {
			actor: trainer,
			sessionId: 'enrol',
			code: '000000',
			appSecret: TEST_SECRET
		});
		expect(wrong.ok).toBe(false);
		const right = await proveSecondFactor(db, {
			actor: trainer,
			sessionId: 'enrol',
			code: codeAt(state.secret, Date.now()),
			appSecret: TEST_SECRET
		});
		expect(right.ok && right.backupCodes).toHaveLength(10);
		const [row] = await db.select().from(session).where(eq(session.id, 'enrol'));
		expect(row?.secondFactor).toBe('totp');
		// The stored key is sealed, not readable.
		const [factor] = await db.select().from(totpFactor).where(eq(totpFactor.userId, trainer.userId));
		expect(factor?.secretEncrypted).not.toContain(state.secret);

		// An authenticator in use is never replaced by starting over (that would skip the second factor).
		await beginTotpEnrolment(db, {
			userId: trainer.userId,
			label: 'x',
			appSecret: TEST_SECRET,
			secretBase32: 'JBSWY3DPEHPK3PXP'
		});
		expect((await secondStepState(db, trainer, TEST_SECRET)).enrolling).toBe(false);

		// Each code works once; a backup code works once.
		await newSession(trainer, 'next');
		const now = Date.now() + 31_000;
		const code = codeAt(state.secret, now);
		expect(await verifyTotp(db, { userId: trainer.userId, code, appSecret: TEST_SECRET, now })).toBe(true);
		expect(await verifyTotp(db, { userId: trainer.userId, code, appSecret: TEST_SECRET, now })).toBe(false);
		const backup = right.ok ? (right.backupCodes?.[0] ?? '') : '';
		const first = await proveSecondFactor(db, {
			actor: trainer,
			sessionId: 'next',
			code: backup.toUpperCase(),
			appSecret: TEST_SECRET
		});
		expect(first).toEqual({ ok: true, backupCodes: null });
		const reuse = await proveSecondFactor(db, {
			actor: trainer,
			sessionId: 'next',
			code: backup,
			appSecret: TEST_SECRET
		});
		expect(reuse.ok).toBe(false);

		const events = await db
			.select({ type: auditEvent.eventType, outcome: auditEvent.outcome })
			.from(auditEvent)
			.where(eq(auditEvent.actorPersonId, trainer.personId));
		expect(events.map((event) => event.type)).toEqual(
			expect.arrayContaining([
				'auth.totp_enrol',
				'auth.backup_codes_new',
				'auth.second_factor',
				'auth.second_factor_failed'
			])
		);
	});
});

describe('a proven second factor and the session cache', () => {
	it('is seen by the very next request of this instance, before the database notification arrives', async () => {
		// No LISTEN connection here: the cache is switched on by hand, so no notification can help.
		sessionCache.active = true;
		try {
			const token = await newSession(trainer, 'cached-step');
			const before = await lookupSession(db, token, times);
			expect(before.state === 'live' && before.session.secondFactor).toBeNull();
			expect(sessionCache.get(tokenHash(token))).toBeDefined();
			// The first test left an active authenticator: a fresh backup code proves the step at any time.
			const backupCodes = await newBackupCodes(db, trainer.userId);
			const proven = await proveSecondFactor(db, {
				actor: trainer,
				sessionId: 'cached-step',
				code: backupCodes[0] ?? '',
				appSecret: TEST_SECRET
			});
			expect(proven.ok).toBe(true);
			const after = await lookupSession(db, token, times);
			expect(after.state === 'live' && after.session.secondFactor).toBe('backup_code');
		} finally {
			sessionCache.active = false;
			sessionCache.clear();
		}
	});
});

describe('session limits', () => {
	it('ends a staff session after 30 idle minutes and says whose it was', async () => {
		const token = await newSession(trainer, 'idle', new Date(Date.now() - 31 * minute));
		const found = await lookupSession(db, token, times);
		expect(found).toEqual({ state: 'ended', sessionId: 'idle', userId: trainer.userId });
		expect(await db.select().from(session).where(eq(session.id, 'idle'))).toHaveLength(0);
	});

	it('keeps an active session and moves its idle limit at most once a minute', async () => {
		const seen = new Date(Date.now() - 5 * minute);
		const token = await newSession(trainer, 'busy', seen);
		const found = await lookupSession(db, token, times);
		expect(found.state).toBe('live');
		const [row] = await db.select().from(session).where(eq(session.id, 'busy'));
		expect(row?.lastSeenAt.getTime()).toBeGreaterThan(seen.getTime());
		expect(await lookupSession(db, 'unknown'.padEnd(43, 'x'), times)).toEqual({ state: 'none' });
	});
});
