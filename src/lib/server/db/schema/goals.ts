/**
 * Recovery goals, their steps and the weekly check-in (with its draft). Goals are never overwritten: a
 * change, a reached or a stopped goal leaves a goal_event with the text before and the reason.
 */
import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	check,
	date,
	index,
	jsonb,
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

export const lifeAreaEnum = pgEnum('life_area', [
	'housing',
	'work',
	'relationships',
	'health',
	'leisure',
	'learning',
	'meaning'
]);
export const goalStatusEnum = pgEnum('goal_status', ['active', 'reached', 'stopped']);
export const goalStepStatusEnum = pgEnum('goal_step_status', ['open', 'done', 'replaced']);

/** A participant's recovery goal in their own words, and why it matters to them. */
export const recoveryGoal = pgTable(
	'recovery_goal',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		lifeArea: lifeAreaEnum('life_area').notNull(),
		text: text('text').notNull(),
		why: text('why').notNull().default(''),
		status: goalStatusEnum('status').notNull().default('active'),
		/** "My goal now": at most one per participant. */
		isCurrent: boolean('is_current').notNull().default(false),
		/** Set when a trainer wrote the goal for the participant ("added by trainer X"). */
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		...timestamps
	},
	(table) => [
		index('recovery_goal_person_idx').on(table.personId),
		uniqueIndex('recovery_goal_one_current_uq')
			.on(table.personId)
			.where(sql`${table.isCurrent}`)
	]
);

/** A step towards a goal (a short-term goal or action plan) with the check-in week it aims for. */
export const goalStep = pgTable(
	'goal_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => recoveryGoal.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		/** The local date of the session that starts the week the step aims for (null: no date chosen). */
		targetWeek: date('target_week'),
		status: goalStepStatusEnum('status').notNull().default('open'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('goal_step_goal_idx').on(table.goalId), index('goal_step_person_idx').on(table.personId)]
);

/** The history of a goal: every creation, change, step, reached or stopped, with who and why. */
export const goalEvent = pgTable(
	'goal_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => recoveryGoal.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		/** The text before a change, and the participant's short reason for it. */
		before: text('before'),
		after: text('after'),
		reason: text('reason'),
		byPersonId: uuid('by_person_id').references(() => person.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('goal_event_goal_idx').on(table.goalId)]
);

export const workedEnum = pgEnum('check_in_worked', ['yes', 'a_bit', 'not_yet']);

/**
 * A weekly check-in, for the week that starts on `weekStart` (the session date). One per participant
 * per group per week, and the idempotency key of the submit makes a repeated submit a no-op.
 */
export const checkIn = pgTable(
	'check_in',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		weekStart: date('week_start').notNull(),
		idempotencyKey: uuid('idempotency_key').notNull().unique(),
		worked: workedEnum('worked').notNull(),
		closeness: smallint('closeness').notNull(),
		bringUp: text('bring_up').notNull().default(''),
		goalId: uuid('goal_id').references(() => recoveryGoal.id, { onDelete: 'set null' }),
		stepId: uuid('step_id').references(() => goalStep.id, { onDelete: 'set null' }),
		/** The step for next week when the participant changed it. */
		newStepId: uuid('new_step_id').references(() => goalStep.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		uniqueIndex('check_in_person_week_uq').on(table.personId, table.groupId, table.weekStart),
		index('check_in_group_week_idx').on(table.groupId, table.weekStart),
		check('check_in_closeness_range', sql`${table.closeness} between 1 and 5`)
	]
);

/** A check-in in progress: the answers so far, kept if the session ends midway. */
export const checkInDraft = pgTable(
	'check_in_draft',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		weekStart: date('week_start').notNull(),
		idempotencyKey: uuid('idempotency_key').notNull().defaultRandom(),
		answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.groupId, table.weekStart] })]
);
