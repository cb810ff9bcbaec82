import { error } from '@sveltejs/kit';
import { isParticipant } from '$lib/server/access';
import { parseForm } from '$lib/server/forms';
import { noteUsage } from '$lib/server/usage/events';
import { usageForms } from '$lib/server/usage/schema';
import type { RequestHandler } from './$types';

/**
 * The video player's report (`soort=video_started` or `video_ended`, form-encoded, from the page's
 * script): one usage event of the signed-in participant, best effort. Staff reports count nothing.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.actor) error(401, 'Unauthorized');
	if (!isParticipant(locals.actor)) error(403, 'Forbidden');
	const form = await request.formData().catch(() => null);
	if (!form) error(400, 'Bad Request');
	const parsed = parseForm(usageForms.report, form);
	if (!parsed.ok) error(400, 'Bad Request');
	await noteUsage(locals.db, locals.actor, parsed.data.kind);
	return new Response(null, { status: 204 });
};
