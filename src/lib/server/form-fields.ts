/**
 * Forms whose field names are not the domain's keys. A capability's schema names its fields in
 * English (schema.ts in its folder); the page's form fields and URL parameters keep their Dutch
 * names. Every problem, also one of a check across fields, is reported under the page's field name,
 * so the form shows it beside the right field and keeps what was typed.
 *
 * - `namedFields(schema, { groupId: 'groep' })` is a schema for `parseForm` that names every key's field;
 * - `parseFields(schema, form, { groep: 'groupId' })` parses at once; fields it does not name pass by
 *   under their own name (for keys that are the same in both languages, such as `email`).
 */
import { z } from 'zod';
import { parseForm, type Parsed } from './forms';

/** The schema read under other field names: `fieldOf` maps each English key to its form field. */
function renamed<Schema extends z.ZodType>(
	schema: Schema,
	fieldOf: Map<PropertyKey, string>,
	passUnnamed: boolean
): z.ZodType<z.output<Schema>> {
	const keyOf = new Map<string, string>([...fieldOf].map(([key, field]) => [field, String(key)]));
	return z.unknown().transform((input, context) => {
		const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
		const english: Record<string, unknown> = {};
		for (const [field, value] of Object.entries(fields)) {
			const key = keyOf.get(field) ?? (passUnnamed ? field : undefined);
			if (key !== undefined) english[key] = value;
		}
		const result = schema.safeParse(english);
		if (result.success) return result.data;
		for (const issue of result.error.issues) {
			const [first, ...rest] = issue.path;
			context.addIssue({
				code: 'custom',
				message: issue.message,
				path: first === undefined ? [] : [fieldOf.get(first) ?? String(first), ...rest]
			});
		}
		return z.NEVER;
	});
}

/** The schema under the page's field names: every English key names its form field. */
export function namedFields<Schema extends z.ZodType<Record<string, unknown>>>(
	schema: Schema,
	names: { [Key in keyof z.input<Schema>]-?: string }
): z.ZodType<z.output<Schema>> {
	return renamed(
		schema,
		new Map<PropertyKey, string>(Object.entries(names as Record<string, string>)),
		false
	);
}

/** Dutch form field → English key, for the fields whose names differ. */
export type FieldNames = Readonly<Record<string, string>>;

/**
 * Parses a form whose Dutch fields `names` maps onto the schema's English keys: the English data, or the
 * values and message keys under the page's own field names.
 */
export function parseFields<Schema extends z.ZodType>(
	schema: Schema,
	form: FormData | URLSearchParams,
	names: FieldNames
): Parsed<z.output<Schema>> {
	const fieldOf = new Map<PropertyKey, string>(Object.entries(names).map(([field, key]) => [key, field]));
	return parseForm(renamed(schema, fieldOf, true), form);
}
