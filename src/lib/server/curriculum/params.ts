/** Route parameters of the course pages, checked before any query: anything else is a 404. */

/** "3" → 3 for a module number 1–99; null otherwise. */
export function moduleNumberParam(value: string): number | null {
	return /^[1-9]\d?$/.test(value) ? Number(value) : null;
}

/** A step key as in content/ ("01-wat-is-herstel") or of a group's own item ("eigen-<id>"); null otherwise. */
export function stepKeyParam(value: string): string | null {
	const valid = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || /^eigen-[0-9a-f]{32}$/.test(value);
	return valid && value.length <= 80 ? value : null;
}

/** "2" → 2 for a curriculum version number 1–9999; null otherwise. */
export function versionNumberParam(value: string | null): number | null {
	return value !== null && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : null;
}
