/**
 * A participant's reminder choice as it is read: whether, on which day and time, how (email or web
 * push), and the quiet hours. Off until they choose. The writes are in ./commands.ts.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { person, pushSubscription, reminderPreference, user } from '../db/schema';
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
