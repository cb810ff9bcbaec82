/**
 * Dutch form field names onto the English keys of a capability's schema (issue 16: Dutch stays in
 * URLs, form field names and messages). A route names its fields once:
 *
 *   const fields = { gebied: 'lifeArea', doel: 'text' } as const;
 *   const parsed = parseFields(newGoalInput, form, fields);
 *
 * and gets the schema's English data, or — for the form to show again — the values and the error
 * keys under the Dutch field names the page uses. Fields not named pass by under their own name.
 */
import type { z } from 'zod';
import { parseForm, type FormErrors } from './forms';

export type FieldNames = Readonly<Record<string, string>>;

export type ParsedFields<T> =
	{ ok: true; data: T } | { ok: false; values: Record<string, string>; errors: FormErrors };

export function parseFields<Schema extends z.ZodType>(
	schema: Schema,
	form: FormData | URLSearchParams,
	names: FieldNames
): ParsedFields<z.infer<Schema>> {
	const english = new URLSearchParams();
	for (const [field, value] of form.entries())
		english.append(names[field] ?? field, typeof value === 'string' ? value : '');
	const parsed = parseForm(schema, english);
	if (parsed.ok) return parsed;
	const dutch = Object.fromEntries(Object.entries(names).map(([field, key]) => [key, field]));
	const rename = <V>(record: Record<string, V>) =>
		Object.fromEntries(Object.entries(record).map(([key, value]) => [dutch[key] ?? key, value]));
	return { ok: false, values: rename(parsed.values), errors: rename(parsed.errors) as FormErrors };
}
