/**
 * Groups (course instances) and who trains and follows them.
 */
import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	pgTable,
	primaryKey,
	smallint,
	text,
	time,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { organisation, person } from './organisations-people';

/** A course instance (herstelgroep): meets weekly on `weekday` (1 = Monday … 7 = Sunday) at `startTime`. */
export const courseGroup = pgTable(
	'course_group',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'restrict' }),
		name: text('name').notNull(),
		location: text('location').notNull(),
		weekday: smallint('weekday').notNull(),
		startTime: time('start_time').notNull(),
		startDate: date('start_date').notNull(),
		endDate: date('end_date'),
		...timestamps
	},
	(table) => [
		index('course_group_organisation_idx').on(table.organisationId),
		// The people list's search by group name.
		index('course_group_name_search_idx').using('gin', sql`to_tsvector('simple', ${table.name})`),
		uniqueIndex('course_group_org_name_uq').on(table.organisationId, table.name),
		check('course_group_weekday_range', sql`${table.weekday} between 1 and 7`)
	]
);

export const groupTrainer = pgTable(
	'group_trainer',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.groupId, table.personId] }),
		// "Which groups does this trainer train" is asked on every trainer page.
		index('group_trainer_person_idx').on(table.personId)
	]
);

export const groupMember = pgTable(
	'group_member',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(table) => [
		primaryKey({ columns: [table.groupId, table.personId] }),
		index('group_member_person_idx').on(table.personId)
	]
);
