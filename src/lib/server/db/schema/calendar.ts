/**
 * The course calendar: each group's sessions, attendance, and the home practice given at a session
 * with the participants' answers.
 */
import {
	boolean,
	date,
	index,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	time,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { timestamps, type LocalisedText } from './common';
import { person } from './organisations-people';
import { courseGroup } from './groups';

export const sessionStatusEnum = pgEnum('session_status', ['planned', 'cancelled']);

/**
 * One meeting of a group: the course calendar, generated weekly for about a year when the group is
 * made and edited since (moved, cancelled, added). Holidays are kept as cancelled sessions so the
 * calendar shows why there is no meeting that week.
 */
export const groupSession = pgTable(
	'group_session',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		date: date('date').notNull(),
		startTime: time('start_time').notNull(),
		status: sessionStatusEnum('status').notNull().default('planned'),
		/** Why it does not take place: the holiday's name or the trainer's words. */
		cancelReason: text('cancel_reason'),
		holiday: boolean('holiday').notNull().default(false),
		/** The date it was generated on, when it has been moved. */
		movedFrom: date('moved_from'),
		/** Added by hand rather than generated. */
		added: boolean('added').notNull().default(false),
		moduleNumber: smallint('module_number'),
		topic: text('topic').notNull().default(''),
		/** The trainers' own notes; never shown to participants. */
		notes: text('notes').notNull().default(''),
		...timestamps
	},
	(table) => [uniqueIndex('group_session_group_date_uq').on(table.groupId, table.date)]
);

export const attendanceStatusEnum = pgEnum('attendance_status', ['present', 'excused', 'absent']);

export const sessionAttendance = pgTable(
	'session_attendance',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSession.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		status: attendanceStatusEnum('status').notNull(),
		recordedByPersonId: uuid('recorded_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.sessionId, table.personId] }),
		index('session_attendance_person_idx').on(table.personId)
	]
);

export const practiceAnswerKindEnum = pgEnum('practice_answer_kind', ['text', 'choice']);

/**
 * The home practice (thuisopdracht) a trainer gives at a session, to do before the next one: one of
 * the module's practice steps (its texts copied in both languages) or the trainer's own words.
 */
export const homePractice = pgTable(
	'home_practice',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSession.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number'),
		stepKey: text('step_key'),
		text: jsonb('text').$type<LocalisedText>().notNull(),
		answerKind: practiceAnswerKindEnum('answer_kind').notNull().default('text'),
		/** The choices, when answered by choosing (the trainer's words, shown as written). */
		choices: jsonb('choices').$type<string[]>().notNull().default([]),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [
		uniqueIndex('home_practice_session_uq').on(table.sessionId),
		// The newest home practice of a group (attention lists).
		index('home_practice_group_idx').on(table.groupId)
	]
);

export const homePracticeAnswer = pgTable(
	'home_practice_answer',
	{
		practiceId: uuid('practice_id')
			.notNull()
			.references(() => homePractice.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		answer: text('answer').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
		feedback: text('feedback'),
		feedbackByPersonId: uuid('feedback_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		feedbackAt: timestamp('feedback_at', { withTimezone: true })
	},
	(table) => [
		primaryKey({ columns: [table.practiceId, table.personId] }),
		index('home_practice_answer_person_idx').on(table.personId)
	]
);
