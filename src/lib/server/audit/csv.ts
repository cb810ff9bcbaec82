import type { OrganisationLogRow } from './queries';

const columns: (keyof OrganisationLogRow)[] = [
	'id',
	'recordedAt',
	'eventType',
	'action',
	'outcome',
	'actorName',
	'actorRole',
	'participantName',
	'objectType',
	'objectId',
	'accessPoint'
];

/** One CSV field: quoted when needed, and guarded against formula injection in spreadsheets. */
export function csvField(value: unknown): string {
	let text = value instanceof Date ? value.toISOString() : value == null ? '' : String(value);
	// A leading apostrophe is the escape itself, so a text that starts with one gets one more:
	// the encoding stays reversible.
	if (/^[=+\-@\t\r']/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The access-log rows as CSV with a header line (times in UTC, ISO 8601). */
export function toCsv(rows: OrganisationLogRow[]): string {
	const lines = [
		columns.join(','),
		...rows.map((row) => columns.map((column) => csvField(row[column])).join(','))
	];
	return `${lines.join('\r\n')}\r\n`;
}
