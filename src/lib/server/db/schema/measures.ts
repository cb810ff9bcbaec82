/**
 * Measures: questionnaire definitions (FHIR-shaped, versioned; shipped ones have no organisation),
 * which definition and which moments a group uses, the responses (participant and clinician), and the
 * claim that sends one content-free reminder per person and moment.
 */
import { sql } from 'drizzle-orm';
import {
	check,
	index,
	jsonb,
	numeric,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { courseGroup } from './groups';
import { organisation, person } from './organisations-people';
import { reminderChannelEnum } from './reminders';

/** A questionnaire definition: the FHIR Questionnaire as imported, and what the app reads from it. */
export const questionnaire = pgTable(
	'questionnaire',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Null for the definitions Herstelpad ships; otherwise the organisation that imported it. */
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'cascade' }),
		/** Which measure it is: imr_participant, imr_clinician or other. */
		purpose: text('purpose').notNull(),
		url: text('url').notNull(),
		version: text('version').notNull(),
		title: text('title').notNull(),
		/** The FHIR R4 Questionnaire resource as given. */
		definition: jsonb('definition').notNull(),
		importedByPersonId: uuid('imported_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		uniqueIndex('questionnaire_shipped_uq')
			.on(table.url, table.version)
			.where(sql`${table.organisationId} is null`),
		uniqueIndex('questionnaire_org_uq').on(table.organisationId, table.url, table.version),
		index('questionnaire_org_purpose_idx').on(table.organisationId, table.purpose, table.createdAt)
	]
);

/**
 * A group's measure settings: the moments (months after the group's start date: 0 = baseline, 6 =
 * halfway, 12 = end) and, per version, the definition it uses (null: the organisation's newest of
 * that purpose, else the shipped one).
 */
export const groupMeasurePlan = pgTable(
	'group_measure_plan',
	{
		groupId: uuid('group_id')
			.primaryKey()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moments: smallint('moments')
			.array()
			.notNull()
			.default(sql`'{0,6,12}'::smallint[]`),
		participantQuestionnaireId: uuid('participant_questionnaire_id').references(() => questionnaire.id, {
			onDelete: 'set null'
		}),
		clinicianQuestionnaireId: uuid('clinician_questionnaire_id').references(() => questionnaire.id, {
			onDelete: 'set null'
		}),
		...timestamps
	},
	(table) => [check('group_measure_plan_moments', sql`cardinality(${table.moments}) between 1 and 6`)]
);

export const responseStatusEnum = pgEnum('questionnaire_response_status', ['in_progress', 'completed']);

/**
 * One filling-in of a questionnaire about a participant at a moment of their group: by the participant
 * (imr_participant) or by a trainer (imr_clinician). Answers are option codes per item; the scores are
 * kept at completion for the group means.
 */
export const questionnaireResponse = pgTable(
	'questionnaire_response',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		questionnaireId: uuid('questionnaire_id')
			.notNull()
			.references(() => questionnaire.id, { onDelete: 'restrict' }),
		purpose: text('purpose').notNull(),
		/** The participant it is about. */
		subjectId: uuid('subject_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** Who filled it in last: the participant, or the trainer for the clinician version. */
		authorId: uuid('author_id').references(() => person.id, { onDelete: 'set null' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		/** The moment: months after the group's start. */
		moment: smallint('moment').notNull(),
		status: responseStatusEnum('status').notNull().default('in_progress'),
		answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
		/** The item the filling-in is at (index into the definition's items), to go on where one was. */
		position: smallint('position').notNull().default(0),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		/** The mean item score at completion; null when not scored (too few answers). */
		mean: numeric('mean', { precision: 4, scale: 2, mode: 'number' }),
		/** Each factor's mean at completion (null when that factor is not scored). */
		factors: jsonb('factors').$type<Record<string, number | null>>(),
		...timestamps
	},
	(table) => [
		uniqueIndex('questionnaire_response_moment_uq').on(
			table.subjectId,
			table.purpose,
			table.groupId,
			table.moment
		),
		// The group's due list and its means per moment.
		index('questionnaire_response_group_idx').on(table.groupId, table.purpose, table.moment),
		// The organisation's means per moment.
		index('questionnaire_response_org_idx').on(table.organisationId, table.purpose, table.moment),
		// The bulk export's `_since`.
		index('questionnaire_response_org_updated_idx').on(table.organisationId, table.updatedAt),
		index('questionnaire_response_questionnaire_idx').on(table.questionnaireId),
		check('questionnaire_response_moment_range', sql`${table.moment} between 0 and 60`)
	]
);

/** One content-free reminder per participant, group and moment (the claim that makes it once). */
export const measureReminderSent = pgTable(
	'measure_reminder_sent',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moment: smallint('moment').notNull(),
		channel: reminderChannelEnum('channel').notNull(),
		/** 'sent', or why nothing was sent (switched off, no address). */
		outcome: text('outcome').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.groupId, table.moment] })]
);
