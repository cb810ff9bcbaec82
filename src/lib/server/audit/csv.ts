import { describeAuditRow } from '$lib/audit-text';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { OrganisationLogRow } from './queries';

type CsvRow = OrganisationLogRow & { description: string };

const columns: (keyof CsvRow)[] = [
	'id',
	'recordedAt',
	'eventType',
	'description',
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

/**
 * The access-log rows as CSV with a header line (times in UTC, ISO 8601); next to each event code
 * its description in the reader's language (with the page of a refusal, the reason of a failure).
 */
export function toCsv(rows: OrganisationLogRow[], locale: Locale): string {
	const lines = [
		columns.join(','),
		...rows.map((row) => {
			const described: CsvRow = { ...row, description: describeAuditRow(row, locale) };
			return columns.map((column) => csvField(described[column])).join(',');
		})
	];
	return `${lines.join('\r\n')}\r\n`;
}
