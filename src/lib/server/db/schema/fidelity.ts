/**
 * The IMR fidelity self-assessment (modeltrouw): per group and period, a score 1–5 (or none yet) and a
 * note for each of the 13 items, filled in by the group's trainers and the organisation's
 * coordinator. A draft can be changed; a final one is the group's record until someone reopens it.
 * Who changed each item last, and who finalised it, stay with the rows.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
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
import { person } from './organisations-people';
import { courseGroup } from './groups';

export const fidelityStatusEnum = pgEnum('fidelity_status', ['draft', 'final']);

/** One self-assessment of one group over one period. */
export const fidelityAssessment = pgTable(
	'fidelity_assessment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		periodStart: date('period_start').notNull(),
		periodEnd: date('period_end').notNull(),
		status: fidelityStatusEnum('status').notNull().default('draft'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		/** Who last changed a score, a note or the status. */
		updatedByPersonId: uuid('updated_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		finalisedByPersonId: uuid('finalised_by_person_id').references(() => person.id, {
			onDelete: 'set null'
		}),
		finalisedAt: timestamp('finalised_at', { withTimezone: true }),
		...timestamps
	},
	(table) => [
		// The group's history, newest period first.
		index('fidelity_assessment_group_idx').on(table.groupId, table.periodEnd.desc()),
		uniqueIndex('fidelity_assessment_period_uq').on(table.groupId, table.periodStart, table.periodEnd),
		check('fidelity_assessment_period_order', sql`${table.periodEnd} >= ${table.periodStart}`)
	]
);

/** One item of an assessment: its score (null: not scored), note, and who changed it last. */
export const fidelityItemScore = pgTable(
	'fidelity_item_score',
	{
		assessmentId: uuid('assessment_id')
			.notNull()
			.references(() => fidelityAssessment.id, { onDelete: 'cascade' }),
		/** One of FIDELITY_ITEMS ($lib/domain/fidelity). */
		item: text('item').notNull(),
		score: smallint('score'),
		note: text('note').notNull().default(''),
		/** The score is Herstelpad's proposal, taken over as it was. */
		fromProposal: boolean('from_proposal').notNull().default(false),
		updatedByPersonId: uuid('updated_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.assessmentId, table.item] }),
		check('fidelity_item_score_range', sql`${table.score} is null or ${table.score} between 1 and 5`)
	]
);
