/**
 * Web push (VAPID): the key pair is made once, on first start, and kept in the database (the
 * private half sealed with the app secret) so every instance signs with the same key. Messages carry
 * no health content: only that the check-in is ready and where to find it.
 */
import { eq } from 'drizzle-orm';
import type https from 'node:https';
import webpush from 'web-push';
import { open, seal } from '../auth/secret-box';
import type { Db } from '../db/client';
import { appKey, pushSubscription } from '../db/schema';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
}

/** The app's VAPID keys, made on first use; safe when two instances start at once. */
export async function vapidKeys(db: Db, secret: string): Promise<VapidKeys> {
	const [existing] = await db.select().from(appKey).where(eq(appKey.name, 'vapid'));
	if (existing) return { publicKey: existing.publicValue, privateKey: open(existing.privateSealed, secret) };
	const made = webpush.generateVAPIDKeys();
	await db
		.insert(appKey)
		.values({ name: 'vapid', publicValue: made.publicKey, privateSealed: seal(made.privateKey, secret) })
		.onConflictDoNothing();
	return vapidKeys(db, secret);
}

/**
 * Sends a push message to every browser the person subscribed. Subscriptions the push service says
 * are gone (404, 410) are removed; any other refusal throws so the reminder is tried again.
 */
export async function sendPush(
	db: Db,
	keys: VapidKeys,
	subject: string,
	personId: string,
	message: { title: string; body: string; url: string },
	agent?: https.Agent
): Promise<void> {
	const subscriptions = await db
		.select()
		.from(pushSubscription)
		.where(eq(pushSubscription.personId, personId));
	if (subscriptions.length === 0) throw new Error('no push subscription');
	let delivered = 0;
	for (const subscription of subscriptions) {
		try {
			await webpush.sendNotification(
				{ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
				JSON.stringify(message),
				{
					vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
					TTL: 24 * 3600,
					...(agent && { agent })
				}
			);
			delivered++;
		} catch (error) {
			const status = (error as { statusCode?: number }).statusCode;
			if (status === 404 || status === 410) {
				await db.delete(pushSubscription).where(eq(pushSubscription.id, subscription.id));
			} else {
				throw error;
			}
		}
	}
	if (delivered === 0) throw new Error('no push subscription accepted the message');
}
