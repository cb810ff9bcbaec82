/** The second step of a staff sign-in: TOTP enrolment at first sign-in, then a code or a backup code each time. */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { user } from '../db/schema';
import { forgetCachedSessionsOf, markSecondFactor } from './session';
import {
	beginTotpEnrolment,
	newBackupCodes,
	pendingEnrolment,
	totpStatus,
	useBackupCode,
	verifyTotp
} from './totp';

/** What the second-step page shows: the enrolment (QR and key) or the code field. */
export async function secondStepState(
	db: Db,
	actor: Actor,
	appSecret: string
): Promise<{ enrolling: false } | { enrolling: true; secret: string; uri: string }> {
	const status = await totpStatus(db, actor.userId);
	if (status === 'active') return { enrolling: false };
	const label = await labelOf(db, actor.userId);
	const pending =
		status === 'pending' ? await pendingEnrolment(db, { userId: actor.userId, label, appSecret }) : null;
	const enrolment = pending ?? (await beginTotpEnrolment(db, { userId: actor.userId, label, appSecret }));
	return { enrolling: true, ...enrolment };
}

async function labelOf(db: Db, userId: string): Promise<string> {
	const [row] = await db
		.select({ email: user.email })
		.from(user)
		.where(and(eq(user.id, userId)));
	return row?.email ?? 'Herstelpad';
}

export type SecondStepResult = { ok: true; backupCodes: string[] | null } | { ok: false };

/**
 * Checks the code typed at the second step: a TOTP code (confirming the enrolment the first time,
 * which also hands out backup codes once) or a backup code. Success marks the session.
 */
export async function proveSecondFactor(
	db: Db,
	props: { actor: Actor; sessionId: string; code: string; appSecret: string }
): Promise<SecondStepResult> {
	const { actor, sessionId, appSecret } = props;
	const status = await totpStatus(db, actor.userId);
	const digits = props.code.replace(/\s/g, '');
	const result = await db.transaction(async (tx): Promise<SecondStepResult> => {
		if (status === 'pending') {
			if (!(await verifyTotp(tx, { userId: actor.userId, code: digits, appSecret, confirming: true }))) {
				await recordFailure(tx, actor);
				return { ok: false };
			}
			const backupCodes = await newBackupCodes(tx, actor.userId);
			await markSecondFactor(tx, sessionId, 'totp');
			await record(
				tx,
				{ eventType: 'auth.totp_enrol', action: 'C', actor },
				{ eventType: 'auth.backup_codes_new', action: 'C', actor }
			);
			return { ok: true, backupCodes };
		}
		const viaTotp =
			/^\d{6}$/.test(digits) && (await verifyTotp(tx, { userId: actor.userId, code: digits, appSecret }));
		const viaBackup = !viaTotp && status === 'active' && (await useBackupCode(tx, actor.userId, props.code));
		if (!viaTotp && !viaBackup) {
			await recordFailure(tx, actor);
			return { ok: false };
		}
		await markSecondFactor(tx, sessionId, viaTotp ? 'totp' : 'backup_code');
		await record(tx, {
			eventType: 'auth.second_factor',
			action: 'E',
			actor,
			object: { type: 'factor', id: viaTotp ? 'totp' : 'backup_code' }
		});
		return { ok: true, backupCodes: null };
	});
	// Committed: this instance's next request (the redirect) must see the proven factor.
	if (result.ok) forgetCachedSessionsOf(actor.userId);
	return result;
}

async function recordFailure(tx: Parameters<typeof record>[0], actor: Actor): Promise<void> {
	await record(tx, { eventType: 'auth.second_factor_failed', action: 'E', outcome: 'failure', actor });
}
