/**
 * Use figures (issue 20, items 6 and 7). Most figures are counted from the rows the product keeps
 * anyway (check-ins, steps, messages, …); `usage_event` holds only what leaves no row of its own: a
 * participant's first visit and one visit per week, a video started or watched to the end, the
 * workbook opened or its PDF downloaded. Never keystrokes, never anything sent to third parties.
 * `why_not_answer` is the one optional "why not?" answer per participant and component.
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisation, person } from './organisations-people';
import { courseGroup } from './groups';

export const usageEvent = pgTable(
	'usage_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** The participant's group at the time (none when they had none). */
		groupId: uuid('group_id').references(() => courseGroup.id, { onDelete: 'set null' }),
		kind: text('kind').notNull(),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		// The organisation's figures: per kind over a window of weeks (people counted from the index).
		index('usage_event_org_kind_idx').on(table.organisationId, table.kind, table.occurredAt, table.personId),
		// A group's figures.
		index('usage_event_group_kind_idx').on(table.groupId, table.kind, table.occurredAt, table.personId),
		// One "first visit" per person, one "visit" per person and (UTC) week: a repeat is a no-op.
		uniqueIndex('usage_event_first_visit_uq')
			.on(table.personId)
			.where(sql`${table.kind} = 'first_visit'`),
		uniqueIndex('usage_event_week_visit_uq')
			.on(table.personId, sql`date_trunc('week', ${table.occurredAt} at time zone 'UTC')`)
			.where(sql`${table.kind} = 'visit'`),
		index('usage_event_person_idx').on(table.personId),
		check(
			'usage_event_kind_known',
			sql`${table.kind} in ('first_visit', 'visit', 'video_started', 'video_ended', 'workbook_opened', 'workbook_pdf')`
		)
	]
);

/** A participant's answer to "why not?" for one component: asked once, so one row at most. */
export const whyNotAnswer = pgTable(
	'why_not_answer',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id').references(() => courseGroup.id, { onDelete: 'set null' }),
		component: text('component').notNull(),
		answer: text('answer').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		uniqueIndex('why_not_answer_person_component_uq').on(table.personId, table.component),
		index('why_not_answer_org_idx').on(table.organisationId, table.component, table.answer),
		index('why_not_answer_group_idx').on(table.groupId, table.component, table.answer),
		check('why_not_answer_component_known', sql`${table.component} in ('check_in', 'modules')`),
		check(
			'why_not_answer_answer_known',
			sql`${table.answer} in ('cannot_find', 'no_device', 'not_needed', 'too_hard', 'rather_not_say', 'not_now')`
		)
	]
);
