/**
 * Privacy rights (AVG/GDPR): consent per optional purpose with every change kept, the participant's
 * own-data export, erasure requests and their decisions, and the organisation's retention periods.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { organisation, person } from './organisations-people';

/** Raw bytes (the own-data zip): small, kept only until it is downloaded or 24 hours have passed. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The optional purposes a participant decides on. `research` and `naaste` are kept here only; the
 * switches for `reminders` (reminder_preference.enabled) and `care_team` (relapse_plan.shared_with_care_team)
 * live with their capability, and every change of any of the four is written to consent_change.
 */
export const consentPurposeEnum = pgEnum('consent_purpose', ['research', 'reminders', 'naaste', 'care_team']);

/** The current decision for the purposes kept here; no row means "not given" (off by default). */
export const consent = pgTable(
	'consent',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		purpose: consentPurposeEnum('purpose').notNull(),
		given: boolean('given').notNull(),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.personId, table.purpose] }),
		// The research export's filter: who in the organisation said yes to research.
		index('consent_purpose_given_idx')
			.on(table.purpose, table.personId)
			.where(sql`${table.given}`)
	]
);

/** Every change of a consent, with its time and who made it (the participant, or staff on paper). */
export const consentChange = pgTable(
	'consent_change',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		purpose: consentPurposeEnum('purpose').notNull(),
		given: boolean('given').notNull(),
		byPersonId: uuid('by_person_id').references(() => person.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('consent_change_person_idx').on(table.personId, table.at)]
);

export const dataExportStatusEnum = pgEnum('data_export_status', ['queued', 'running', 'done', 'failed']);

/**
 * A participant's download of everything about them: prepared by a pg-boss job, downloadable once,
 * by the participant signed in, within 24 hours; the bytes are removed when it is taken or expires.
 */
export const dataExport = pgTable(
	'data_export',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		status: dataExportStatusEnum('status').notNull().default('queued'),
		/** How far the job is, 0–100. */
		progress: smallint('progress').notNull().default(0),
		/** The language the files are written in (the participant's at the request). */
		locale: text('locale').notNull().default('nl'),
		zip: bytea('zip'),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		downloadedAt: timestamp('downloaded_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(table) => [index('data_export_person_idx').on(table.personId, table.createdAt)]
);

export const erasureStatusEnum = pgEnum('erasure_status', ['open', 'erased', 'refused', 'withdrawn']);

/**
 * A request to erase a participant's data, and the coordinator's decision. The row outlives the
 * erasure (the person reference becomes null) as the record that the request was handled in time.
 */
export const erasureRequest = pgTable(
	'erasure_request',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		personId: uuid('person_id').references(() => person.id, { onDelete: 'set null' }),
		requestedByPersonId: uuid('requested_by_person_id').references(() => person.id, {
			onDelete: 'set null'
		}),
		/** The participant asked (true) or a coordinator entered it for them (false). */
		bySelf: boolean('by_self').notNull(),
		requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
		/** The legal term: one month after the request. */
		dueOn: date('due_on').notNull(),
		status: erasureStatusEnum('status').notNull().default('open'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		decidedByPersonId: uuid('decided_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		/** The coordinator's words to the participant (why something is kept, or why refused). */
		reason: text('reason')
	},
	(table) => [
		index('erasure_request_org_idx').on(table.organisationId, table.status, table.requestedAt),
		index('erasure_request_person_idx').on(table.personId)
	]
);

/** The kinds of data with a retention period an organisation can set (privacy/retention.ts). */
export const retentionKindEnum = pgEnum('retention_kind', [
	'check_ins',
	'messages',
	'help_requests',
	'live_answers',
	'board_posts',
	'access_log',
	'after_course'
]);

/** An organisation's retention period per kind, in months; no row means the default. */
export const retentionSetting = pgTable(
	'retention_setting',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		kind: retentionKindEnum('kind').notNull(),
		months: integer('months').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.organisationId, table.kind] }),
		check('retention_setting_months', sql`${table.months} between 1 and 600`),
		check('retention_access_log_floor', sql`${table.kind} <> 'access_log' or ${table.months} >= 60`)
	]
);

/** One run of the retention job, real or dry: what it removed (or would remove) per kind. */
export const retentionRun = pgTable(
	'retention_run',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		dryRun: boolean('dry_run').notNull(),
		report: jsonb('report').$type<Record<string, number>>().notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('retention_run_org_idx').on(table.organisationId, table.at)]
);
