/**
 * Nothing typed is lost when a session ends: a form sent after the session timed out is kept as a
 * draft for that person and page, and put back in the form after signing in again.
 */
import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { formDraft } from '../db/schema';
import { storableText } from '../input';

/** Set while a draft waits, so pages only look for drafts when there is one. */
export const DRAFT_COOKIE = 'herstelpad-draft';

// Secrets are never kept: a draft is for what someone wrote, not for codes or passwords.
const SECRET_FIELD = /password|wachtwoord|code|token|secret/i;
const MAX_FIELD_LENGTH = 20_000;
// Control characters that no field accepts (all but tab, LF and CR): a kept form leaves them out,
// so that nothing stored holds them (tests/e2e/hostile-input.test.ts looks in every column).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const REFUSED_CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const MAX_DRAFT_BODY = 1024 * 1024;

/** The text fields of a form, without secrets or files; null if the body is not a form. */
export async function draftFields(request: Request): Promise<Record<string, string> | null> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
		return null;
	}
	// A large body is an upload (a video): never read it into memory just for its text fields.
	if (Number(request.headers.get('content-length') ?? 0) > MAX_DRAFT_BODY) return null;
	const form = await request.formData().catch(() => null);
	if (!form) return null;
	const fields: Record<string, string> = {};
	for (const [name, value] of form) {
		if (typeof value !== 'string' || SECRET_FIELD.test(name) || name in fields) continue;
		fields[name] = value.slice(0, MAX_FIELD_LENGTH);
	}
	return Object.keys(fields).length > 0 ? fields : null;
}

/**
 * For a form post whose session timed out: keeps the fields and sends the person to sign in, back
 * to the same page afterwards (a thrown redirect, so SvelteKit sends the cookies along). Returns
 * when there is nothing to keep.
 */
export async function keepDraft(db: Db, event: RequestEvent, userId: string): Promise<void> {
	if (event.request.method !== 'POST') return;
	const fields = await draftFields(event.request);
	if (!fields) return;
	const path = event.url.pathname;
	await storeDraft(db, event.cookies, userId, path, fields);
	redirect(303, `/inloggen?terug=${encodeURIComponent(path)}&bewaard`);
}

/** Keeps text fields for this person and page until the page hands them back (takeDraft). */
export async function storeDraft(
	db: Db,
	cookies: Cookies,
	userId: string,
	path: string,
	fields: Record<string, string>
): Promise<void> {
	const kept = Object.fromEntries(
		Object.entries(fields)
			.filter(([name]) => !SECRET_FIELD.test(name))
			.map(([name, value]) => [
				name,
				storableText(value.slice(0, MAX_FIELD_LENGTH)).replace(REFUSED_CONTROL, '')
			])
	);
	await db
		.insert(formDraft)
		.values({ userId, path, fields: kept })
		.onConflictDoUpdate({
			target: [formDraft.userId, formDraft.path],
			set: { fields: kept, savedAt: new Date() }
		});
	cookies.set(DRAFT_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 });
}

/** The kept fields for this person and page, removed as they are handed back; null if none. */
export async function takeDraft(
	db: Db,
	cookies: Cookies,
	userId: string,
	path: string
): Promise<Record<string, string> | null> {
	const [taken] = await db
		.delete(formDraft)
		.where(and(eq(formDraft.userId, userId), eq(formDraft.path, path)))
		.returning({ fields: formDraft.fields });
	const [another] = await db
		.select({ path: formDraft.path })
		.from(formDraft)
		.where(eq(formDraft.userId, userId))
		.limit(1);
	if (!another) cookies.delete(DRAFT_COOKIE, { path: '/' });
	return taken?.fields ?? null;
}
