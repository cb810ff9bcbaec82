import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { safeReturnPath } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { parseForm } from '$lib/server/forms';
import { nextTextSize, TEXT_SIZE_COOKIE, textSizeOf } from '$lib/text-size';
import type { RequestHandler } from './$types';

const textSizeInput = z.object({ richting: z.enum(['groter', 'kleiner']), terug: z.string().optional() });

/** "Larger text" / "Smaller text": a plain form post that remembers the size for a year. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const parsed = parseForm(textSizeInput, await request.formData());
	if (!parsed.ok) error(400, 'Bad Request');
	const size = nextTextSize(textSizeOf(cookies.get(TEXT_SIZE_COOKIE)), parsed.data.richting);
	cookies.set(TEXT_SIZE_COOKIE, size, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: config().secureCookies,
		maxAge: 60 * 60 * 24 * 365
	});
	redirect(303, safeReturnPath(parsed.data.terug) ?? '/');
};
