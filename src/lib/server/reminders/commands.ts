/**
 * A participant's reminder choice, written: their settings, and a browser's push subscription. One
 * click in the message turns reminders off (a signed token, ./opt-out-token.ts: no sign-in needed,
 * only this one thing).
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { isParticipant } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { pushSubscription, reminderPreference } from '../db/schema';
import { Forbidden } from '../errors';
import type { ReminderSettings } from './queries';
import { noteConsentChange } from '../privacy/consent-log';
import { personOfOptOutToken } from './opt-out-token';

/** Saves the participant's own reminder choice (only participants have reminders: Forbidden otherwise). */
export async function saveReminderSettings(db: Db, actor: Actor, settings: ReminderSettings): Promise<void> {
	if (!isParticipant(actor)) throw new Forbidden('participant_only');
	await db.transaction(async (tx) => {
		const [before] = await tx
			.select({ enabled: reminderPreference.enabled })
			.from(reminderPreference)
			.where(eq(reminderPreference.personId, actor.personId))
			.for('update');
		if ((before?.enabled ?? false) !== settings.enabled)
			await noteConsentChange(tx, {
				personId: actor.personId,
				purpose: 'reminders',
				given: settings.enabled,
				byPersonId: actor.personId
			});
		await tx
			.insert(reminderPreference)
			.values({ personId: actor.personId, ...settings })
			.onConflictDoUpdate({
				target: reminderPreference.personId,
				set: { ...settings, updatedAt: new Date() }
			});
		await record(tx, {
			eventType: 'reminder.settings_update',
			action: 'U',
			actor,
			participantId: actor.personId,
			object: { type: 'reminder_preference', id: actor.personId }
		});
	});
}

/** Turns reminders off for the token's person. False when the token is not valid. */
export async function optOut(db: Db, token: string, secret: string): Promise<boolean> {
	const personId = personOfOptOutToken(token, secret);
	if (!personId) return false;
	await db.transaction(async (tx) => {
		const turnedOff = await tx
			.update(reminderPreference)
			.set({ enabled: false, updatedAt: new Date() })
			.where(and(eq(reminderPreference.personId, personId), eq(reminderPreference.enabled, true)))
			.returning({ personId: reminderPreference.personId });
		if (turnedOff.length > 0)
			await noteConsentChange(tx, { personId, purpose: 'reminders', given: false, byPersonId: personId });
	});
	return true;
}

/** Stores a browser's push subscription for the participant (the same endpoint again replaces it). */
export async function savePushSubscription(
	db: Db,
	actor: Actor,
	subscription: { endpoint: string; p256dh: string; auth: string }
): Promise<void> {
	if (!isParticipant(actor)) throw new Forbidden('participant_only');
	await db
		.insert(pushSubscription)
		.values({ personId: actor.personId, ...subscription })
		.onConflictDoUpdate({
			target: pushSubscription.endpoint,
			set: { personId: actor.personId, p256dh: subscription.p256dh, auth: subscription.auth }
		});
}
