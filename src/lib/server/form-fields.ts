/**
 * Forms whose field names are not the domain's keys. A capability's schema names its fields in
 * English (schema.ts in its folder); the page's form fields and URL parameters keep their Dutch
 * names. Every problem, also one of a check across fields, is reported under the page's field name,
 * so the form shows it beside the right field and keeps what was typed.
 *
 * `parseForm(namedFields(schema, { groupId: 'groep' }), form)`: every English key names its form field
 * (type-checked), fields not named are left out.
 */
import { z } from 'zod';

/** The schema read under other field names: `fieldOf` maps each English key to its form field. */
function renamed<Schema extends z.ZodType>(
	schema: Schema,
	fieldOf: Map<PropertyKey, string>
): z.ZodType<z.output<Schema>> {
	const keyOf = new Map<string, string>([...fieldOf].map(([key, field]) => [field, String(key)]));
	return z.unknown().transform((input, context) => {
		const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
		const english: Record<string, unknown> = {};
		for (const [field, value] of Object.entries(fields)) {
			const key = keyOf.get(field);
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
	return renamed(schema, new Map<PropertyKey, string>(Object.entries(names as Record<string, string>)));
}
