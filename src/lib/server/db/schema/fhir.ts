/**
 * The organisation's FHIR bulk exports ($export): one row per kick-off, run as a pg-boss job that
 * writes one NDJSON file per resource type into the data directory (fhir/export.ts).
 */
import { index, jsonb, pgEnum, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation, person } from './organisations-people';

export const fhirExportStatusEnum = pgEnum('fhir_export_status', ['queued', 'running', 'done', 'failed']);

/** One file of a finished export: its resource type and how many resources it holds. */
export interface FhirExportFile {
	type: string;
	count: number;
}

export const fhirExport = pgTable(
	'fhir_export',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		requestedByPersonId: uuid('requested_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		/** `_since`: only resources changed at or after this moment; null for everything. */
		since: timestamp('since', { withTimezone: true }),
		/** The resource types asked for (`_type`), in the order they are written. */
		types: text('types').array().notNull(),
		status: fhirExportStatusEnum('status').notNull().default('queued'),
		/** How far the job is, 0–100 (the share of participants written; X-Progress and the page). */
		progress: smallint('progress').notNull().default(0),
		files: jsonb('files').$type<FhirExportFile[]>().notNull().default([]),
		/** Why it failed, in English for the OperationOutcome (never data from the export). */
		error: text('error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** When the job wrote its last file: the manifest's transactionTime is the start, `createdAt`. */
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	// The coordinator's list of recent exports (newest first) and the status lookup by organisation.
	(table) => [index('fhir_export_org_idx').on(table.organisationId, table.createdAt)]
);
