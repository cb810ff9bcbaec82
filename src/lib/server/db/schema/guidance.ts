/**
 * Personal guidance: "Ik kom er niet uit" help requests from participants to their group's trainers,
 * the digital-readiness intake, messages, starter lessons and the first-use tour.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
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

/** A participant's "I'm stuck": which screen it came from, open until a trainer closes it with a note. */
export const helpRequest = pgTable(
	'help_request',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		/** The path of the screen the participant was on (no query string). */
		fromPath: text('from_path').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		closedByPersonId: uuid('closed_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		closeNote: text('close_note')
	},
	(table) => [
		index('help_request_group_idx').on(table.groupId, table.closedAt),
		// One open request per participant: a second tap finds the first.
		uniqueIndex('help_request_one_open_uq')
			.on(table.personId)
			.where(sql`${table.closedAt} is null`)
	]
);

export const intakeDeviceEnum = pgEnum('intake_device', ['smartphone', 'tablet', 'computer', 'none']);
export const intakePathEnum = pgEnum('intake_path', ['own_device', 'guided', 'paper']);

/**
 * The digital-readiness intake a trainer fills in with a participant before the start: device,
 * internet, email, confidence with apps, help wanted — and the path it suggests.
 */
export const digitalIntake = pgTable(
	'digital_intake',
	{
		personId: uuid('person_id')
			.primaryKey()
			.references(() => person.id, { onDelete: 'cascade' }),
		device: intakeDeviceEnum('device').notNull(),
		internetAtHome: boolean('internet_at_home').notNull(),
		hasEmail: boolean('has_email').notNull(),
		confidence: smallint('confidence').notNull(),
		helpWanted: boolean('help_wanted').notNull(),
		path: intakePathEnum('path').notNull(),
		doneByPersonId: uuid('done_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [check('digital_intake_confidence_range', sql`${table.confidence} between 1 and 5`)]
);

/**
 * Messages between a participant and the trainers of their group: one thread per participant
 * (`personId`), written by the participant or any of the group's trainers (`authorPersonId`).
 */
export const message = pgTable(
	'message',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		authorPersonId: uuid('author_person_id').references(() => person.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('message_thread_idx').on(table.personId, table.createdAt)]
);

/** Up to when each reader (participant or trainer) has read a participant's thread. */
export const messageRead = pgTable(
	'message_read',
	{
		readerPersonId: uuid('reader_person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.readerPersonId, table.personId] })]
);

/** Starter lessons a participant finished (how to sign in, go home, play a video, do the check-in). */
export const starterLessonDone = pgTable(
	'starter_lesson_done',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		lesson: text('lesson').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.lesson] })]
);

/** Participants who have seen (or skipped) the first-use tour. */
export const tourSeen = pgTable('tour_seen', {
	personId: uuid('person_id')
		.primaryKey()
		.references(() => person.id, { onDelete: 'cascade' }),
	seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow()
});
