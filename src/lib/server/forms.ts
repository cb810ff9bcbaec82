import { z } from 'zod';
import { INVALID_CHARACTERS, unstorable } from './input';

export type FormErrors<Key extends string = string> = Partial<Record<string, Key>>;

/**
 * A parsed form: the data, or one message key per field with the text values as sent (to show again,
 * so nothing typed is lost) and, when the form has list fields, their values (checkboxes of one name).
 */
export type Parsed<T> =
	| { ok: true; data: T }
	| { ok: false; errors: FormErrors; values: Record<string, string>; lists?: Record<string, string[]> };

export interface FormOptions {
	/**
	 * Fields sent several times under one name (checkboxes): the schema gets all their text values as
	 * an array, empty when none was sent. Every other field counts with its first value only.
	 */
	lists?: readonly string[];
}

/**
 * The text values of a form as sent: each field's first value, and every value of a list field. A
 * file where text belongs becomes empty text.
 */
export function sentValues(
	form: FormData | URLSearchParams,
	listFields: readonly string[] = []
): { values: Record<string, string>; lists: Record<string, string[]> } {
	// Maps, not objects: a field may be called "constructor" or "__proto__".
	const values = new Map<string, string>();
	const lists = new Map<string, string[]>(listFields.map((name) => [name, []]));
	for (const [key, value] of form.entries()) {
		const text = typeof value === 'string' ? value : '';
		const list = lists.get(key);
		if (list) list.push(text);
		else if (!values.has(key)) values.set(key, text);
	}
	return { values: Object.fromEntries(values), lists: Object.fromEntries(lists) };
}

/**
 * Parses submitted form data (or a URL's query) with a zod schema whose messages are message keys (e.g.
 * 'email_required'). On failure returns the text values to show again (so nothing typed is lost)
 * and one message key per field (an item of a list field counts for its field). Never throws,
 * whatever the input. A value no field can hold (a NUL byte, half a surrogate pair) is refused
 * whatever the schema says; the text types of ./input do the rest.
 */
export function parseForm<Schema extends z.ZodType>(
	schema: Schema,
	form: FormData | URLSearchParams,
	options: FormOptions = {}
): Parsed<z.infer<Schema>> {
	const { values, lists } = sentValues(form, options.lists);
	const errors: FormErrors = {};
	for (const [key, value] of Object.entries(values)) if (unstorable(value)) errors[key] = INVALID_CHARACTERS;
	for (const [key, items] of Object.entries(lists))
		if (items.some(unstorable)) errors[key] = INVALID_CHARACTERS;
	const result = schema.safeParse({ ...values, ...lists });
	if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
	const sent = options.lists ? { values, lists } : { values };
	if (result.success) return { ok: false, ...sent, errors };
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
	}
	return { ok: false, ...sent, errors };
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
