/**
 * The answer while the database is away for a request that needs it (issue 24, items 5 and 8): a
 * translated 503 with Retry-After, never a 401, a sign-in redirect or a 500. A form's text is kept
 * (auth/waiting-drafts.ts) and filled in again once the database is back.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages.js';
import { DRAFT_COOKIE, draftFields } from '../auth/drafts';
import { keepUntilDatabaseReturns } from '../auth/waiting-drafts';
import { tokenHash } from '../auth/secret-box';
import { config } from '../config';
import { RETRY_AFTER_SECONDS } from '../db/unavailable';

/** The message of the 503 error when the database is away; +error.svelte shows it in words. */
export const DATABASE_UNAVAILABLE = 'database_unavailable';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * For a request whose session cookie could not be checked: keeps a posted form's text for that
 * session and page, and answers 503 in the form the client expects (HTML, action JSON or JSON).
 */
export async function answerUnavailable(
	event: RequestEvent,
	sessionToken: string,
	locale: Locale
): Promise<Response> {
	let kept = false;
	if (event.request.method === 'POST') {
		const fields = await draftFields(event.request);
		if (fields) kept = keepUntilDatabaseReturns(tokenHash(sessionToken), event.url.pathname, fields);
	}
	const headers = new Headers({ 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' });
	// The page looks for a kept draft only while this cookie is set (pages/shell.ts). Set by hand:
	// SvelteKit adds `cookies.set` only to responses that come from resolve().
	if (kept) {
		const secure = config().secureCookies ? '; Secure' : '';
		headers.append(
			'set-cookie',
			`${DRAFT_COOKIE}=1; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax${secure}`
		);
	}
	const error = { message: DATABASE_UNAVAILABLE, kept };
	// A form sent with use:enhance reads an action result; the status comes from the response.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', error }, { status: 503, headers });
	}
	if (!(event.request.headers.get('accept') ?? '').includes('text/html')) {
		return Response.json(error, { status: 503, headers });
	}
	const title = m.error_503_title({}, { locale });
	const lines = [m.error_database_unavailable({}, { locale })];
	if (kept) lines.push(m.error_unavailable_kept({}, { locale }));
	const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Herstelpad</title></head>
<body style="font:1.25rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<main><h1>${escapeHtml(title)}</h1>
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p><a href="${escapeHtml(event.url.pathname)}">${escapeHtml(m.error_try_again({}, { locale }))}</a></p></main>
</body></html>`;
	headers.set('content-type', 'text/html; charset=utf-8');
	return new Response(html, { status: 503, headers });
}
