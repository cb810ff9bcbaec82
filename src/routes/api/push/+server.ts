import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { isParticipant } from '$lib/server/access';
import { savePushSubscription } from '$lib/server/reminders/commands';
import type { RequestHandler } from './$types';

const base64url = z
	.string()
	.regex(/^[A-Za-z0-9_-]+$/)
	.max(200);
const subscriptionInput = z.object({
	endpoint: z
		.string()
		.url()
		.max(2000)
		.refine((value) => value.startsWith('https://')),
	keys: z.object({ p256dh: base64url, auth: base64url })
});

/** Stores this browser's push subscription for the signed-in participant (JSON from the reminders page). */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.actor) error(401, 'Unauthorized');
	if (!isParticipant(locals.actor)) error(403, 'Forbidden');
	const body = await request.json().catch(() => null);
	const parsed = subscriptionInput.safeParse(body);
	if (!parsed.success) error(400, 'Bad Request');
	await savePushSubscription(locals.db, locals.actor, {
		endpoint: parsed.data.endpoint,
		p256dh: parsed.data.keys.p256dh,
		auth: parsed.data.keys.auth
	});
	return json({ saved: true });
};
