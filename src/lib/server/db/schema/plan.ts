/**
 * The relapse-prevention plan (signaleringsplan): its settings (review period, shared with the care
 * team), one version per day it was changed, the claim that sends one content-free review reminder
 * per due date, and the links to significant others (naasten) who may read it.
 */
import { sql } from 'drizzle-orm';
import {
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
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import type { PlanContent } from '$lib/domain/plan';
import { timestamps } from './common';
import { person } from './organisations-people';
import { reminderChannelEnum } from './reminders';

/** A participant's plan settings; the content lives in its versions. */
export const relapsePlan = pgTable(
	'relapse_plan',
	{
		personId: uuid('person_id')
			.primaryKey()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** After how many months the participant wants a reminder to look at the plan again. */
		reviewMonths: smallint('review_months').notNull().default(6),
		/** The participant lets the trainers of their group read the plan (a switch of their own). */
		sharedWithCareTeam: boolean('shared_with_care_team').notNull().default(false),
		...timestamps
	},
	(table) => [check('relapse_plan_review_months', sql`${table.reviewMonths} between 1 and 24`)]
);

/**
 * The plan as it was on one day: every change of a day updates that day's version; the first change
 * of a later day starts a new one, so older versions stay readable.
 */
export const relapsePlanVersion = pgTable(
	'relapse_plan_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** The local date (Europe/Amsterdam) of this version. */
		day: date('day').notNull(),
		content: jsonb('content').$type<PlanContent>().notNull(),
		/** Who wrote the last change when it was not the participant (a trainer entering a paper plan). */
		enteredByPersonId: uuid('entered_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	// The newest version of a person and the list of versions: one index, newest first.
	(table) => [unique('relapse_plan_version_day').on(table.personId, table.day)]
);

/** One review reminder per person and due date: the claim that makes it once, across instances. */
export const planReviewSent = pgTable(
	'plan_review_sent',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		dueDay: date('due_day').notNull(),
		channel: reminderChannelEnum('channel').notNull(),
		/** 'sent', or why nothing was sent (switched off, no address). */
		outcome: text('outcome').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.dueDay] })]
);

/** How a significant other was invited: an email with the code, or a printed card. */
export const significantOtherInviteEnum = pgEnum('significant_other_invite', ['email', 'card']);

/**
 * A significant other (naaste) a participant shares their plan with, and optionally their goal.
 * Ended by either of them; an ended link gives no access and is kept for the participant's overview.
 */
export const significantOtherLink = pgTable(
	'significant_other_link',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		significantOtherId: uuid('significant_other_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** What the naaste is called by the participant ("mijn zus Ria"). */
		description: text('description').notNull(),
		shareGoal: boolean('share_goal').notNull().default(false),
		invitedBy: significantOtherInviteEnum('invited_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		endedByPersonId: uuid('ended_by_person_id').references(() => person.id, { onDelete: 'set null' })
	},
	(table) => [
		// The participant's sharing screen and the naaste's own list: open links first, by person.
		index('significant_other_link_participant_idx').on(table.participantId, table.createdAt),
		index('significant_other_link_other_idx')
			.on(table.significantOtherId, table.participantId)
			.where(sql`${table.endedAt} is null`)
	]
);
