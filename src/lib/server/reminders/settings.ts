/**
 * A participant's reminder choice: whether, on which day and time, how (email or web push), and the
 * quiet hours. Off until they choose. One click in the message turns it off (a signed token, no
 * sign-in needed, only this one thing).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { isUuid } from '$lib/domain/ids';
import { isParticipant } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { person, pushSubscription, reminderPreference, user } from '../db/schema';
import { Forbidden } from '../errors';
import { isRealEmail } from '../people/placeholder-email';

export interface ReminderSettings {
	enabled: boolean;
	channel: 'email' | 'push';
	weekday: number;
	time: string;
	quietFrom: string;
	quietUntil: string;
}

export const defaultSettings: ReminderSettings = {
	enabled: false,
	channel: 'email',
	weekday: 1,
	time: '10:00',
	quietFrom: '22:00',
	quietUntil: '08:00'
};

const hhmm = (value: string) => value.slice(0, 5);

/** The participant's settings, whether they have an email address, and how many devices get push. */
export async function reminderSettingsOf(db: Db, actor: Actor) {
	const [row] = await db
		.select()
		.from(reminderPreference)
		.where(eq(reminderPreference.personId, actor.personId));
	const [account] = await db
		.select({ email: user.email })
		.from(person)
		.innerJoin(user, eq(user.id, person.userId))
		.where(eq(person.id, actor.personId));
	const devices = await db
		.select({ id: pushSubscription.id })
		.from(pushSubscription)
		.where(eq(pushSubscription.personId, actor.personId));
	return {
		settings: row
			? {
					enabled: row.enabled,
					channel: row.channel,
					weekday: row.weekday,
					time: hhmm(row.time),
					quietFrom: hhmm(row.quietFrom),
					quietUntil: hhmm(row.quietUntil)
				}
			: defaultSettings,
		hasEmail: Boolean(account && isRealEmail(account.email)),
		pushDevices: devices.length
	};
}

/** Saves the participant's own reminder choice (only participants have reminders: Forbidden otherwise). */
export async function saveReminderSettings(db: Db, actor: Actor, settings: ReminderSettings): Promise<void> {
	if (!isParticipant(actor)) throw new Forbidden('participant_only');
	await db.transaction(async (tx) => {
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

/** A token for "stop these reminders" links: the person id, signed with the app secret. */
export function optOutToken(personId: string, secret: string): string {
	const mac = createHmac('sha256', secret).update(`reminder-opt-out:${personId}`).digest('base64url');
	return `${personId}.${mac}`;
}

/** The person a valid opt-out token is for, or null. */
export function personOfOptOutToken(token: string, secret: string): string | null {
	const [personId, mac] = token.split('.');
	if (!personId || !mac || !isUuid(personId)) return null;
	const expected = Buffer.from(optOutToken(personId, secret).split('.')[1]!);
	const given = Buffer.from(mac);
	return given.length === expected.length && timingSafeEqual(given, expected) ? personId : null;
}

/** Turns reminders off for the token's person. False when the token is not valid. */
export async function optOut(db: Db, token: string, secret: string): Promise<boolean> {
	const personId = personOfOptOutToken(token, secret);
	if (!personId) return false;
	await db
		.update(reminderPreference)
		.set({ enabled: false, updatedAt: new Date() })
		.where(eq(reminderPreference.personId, personId));
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
