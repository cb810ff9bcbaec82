/** The signed token of "stop these reminders" links: the person id and a MAC with the app secret. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '$lib/domain/ids';

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
