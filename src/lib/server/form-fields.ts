/**
 * Forms whose field names are not the domain's keys. A capability's schema names its fields in
 * English (schema.ts in its folder); the page's form fields and URL parameters keep their Dutch
 * names. `namedFields(schema, { groupId: 'groep' })` parses the submitted fields under the page's
 * names with that schema and hands on English keys; every problem, also one of a check across
 * fields, is reported under the page's field name, so parseForm shows it beside the right field.
 */
import { z } from 'zod';

export function namedFields<Schema extends z.ZodType<Record<string, unknown>>>(
	schema: Schema,
	names: { [Key in keyof z.input<Schema>]-?: string }
): z.ZodType<z.output<Schema>> {
	const pairs = Object.entries(names as Record<string, string>);
	const fieldOf = new Map<PropertyKey, string>(pairs);
	const keyOf = new Map<string, string>(pairs.map(([key, field]) => [field, key]));
	return z.unknown().transform((input, context) => {
		const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
		const renamed: Record<string, unknown> = {};
		for (const [field, value] of Object.entries(fields)) {
			const key = keyOf.get(field);
			if (key !== undefined) renamed[key] = value;
		}
		const result = schema.safeParse(renamed);
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
