import { z } from 'zod';
import { INVALID_CHARACTERS, unstorable } from './input';

export type FormErrors<Key extends string = string> = Partial<Record<string, Key>>;

export type Parsed<T> =
	{ ok: true; data: T } | { ok: false; values: Record<string, string>; errors: FormErrors };

/**
 * Parses submitted form data (or a URL's query) with a zod schema whose messages are message keys (e.g.
 * 'email_required'). On failure returns the text values to show again (so nothing typed is lost)
 * and one message key per field. Never throws, whatever the input. A value no field can hold (a NUL
 * byte, half a surrogate pair) is refused whatever the schema says; the text types of ./input do the rest.
 */
export function parseForm<Schema extends z.ZodType>(
	schema: Schema,
	form: FormData | URLSearchParams
): Parsed<z.infer<Schema>> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		// Only the first value per key counts; a file where text belongs becomes empty text.
		if (!(key in values)) values[key] = typeof value === 'string' ? value : '';
	}
	const errors: FormErrors = {};
	for (const [key, value] of Object.entries(values)) if (unstorable(value)) errors[key] = INVALID_CHARACTERS;
	const result = schema.safeParse(values);
	if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
	if (result.success) return { ok: false, values, errors };
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
	}
	return { ok: false, values, errors };
}

/**
 * A calendar day "YYYY-MM-DD" that exists (no 31 February), in the years 2000–2099: nothing in the
 * course is older, and far-off years would only reach the database to fail there.
 */
export const calendarDay = z
	.string()
	.regex(/^20\d{2}-\d{2}-\d{2}$/, 'date_invalid')
	.refine((value) => {
		const parsed = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
	}, 'date_invalid');
