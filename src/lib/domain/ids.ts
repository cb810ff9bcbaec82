/** Ids from URLs and forms: only a well-formed UUID reaches the database (anything else is "not found"). */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
	return uuidPattern.test(value);
}
