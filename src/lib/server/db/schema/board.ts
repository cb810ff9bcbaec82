/**
 * The group board (prikbord): posts and replies of one group's participants and trainers, supportive
 * reactions (words, never counts), reports ("dit voelt niet goed") and their moderation, the
 * coordinator's "approve first" switch per group, each reader's "seen the rules" mark and last
 * visit, and the claim that sends at most one "something new in your group" notice a day.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
	index,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { person } from './organisations-people';
import { courseGroup } from './groups';
import { reminderChannelEnum } from './reminders';

/** A post written on the board, or one the trainer put there from the group session's live wall. */
export const boardPostKindEnum = pgEnum('board_post_kind', ['post', 'live_wall']);

/**
 * Shown to everyone (`visible`), waiting for a trainer's approval (`waiting`, only its author and the
 * trainers see it), hidden by a trainer (the others see "hidden by the trainer", its author the
 * reason) or removed (its text is gone; only its author sees that, and why).
 */
export const boardPostStatusEnum = pgEnum('board_post_status', ['visible', 'waiting', 'hidden', 'removed']);

/** The supportive reactions, the only ones there are: "sterkte", "herkenbaar", "goed bezig". */
export const boardReactionWordEnum = pgEnum('board_reaction_word', ['strength', 'recognise', 'well_done']);

/** A post (no parent) or a reply to one (`parentId`), in one group's board. */
export const boardPost = pgTable(
	'board_post',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		parentId: uuid('parent_id').references((): AnyPgColumn => boardPost.id, { onDelete: 'cascade' }),
		authorPersonId: uuid('author_person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		kind: boardPostKindEnum('kind').notNull().default('post'),
		body: text('body').notNull(),
		status: boardPostStatusEnum('status').notNull().default('visible'),
		/** Why a trainer hid or removed it: shown to its author. */
		moderationReason: text('moderation_reason'),
		moderatedByPersonId: uuid('moderated_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		// A page of the board (the group's posts, newest first) and what is new since a moment (notices).
		index('board_post_group_idx').on(table.groupId, table.createdAt.desc(), table.id.desc()),
		index('board_post_parent_idx').on(table.parentId, table.createdAt)
	]
);

/** One supportive word of one person on one post. */
export const boardReaction = pgTable(
	'board_reaction',
	{
		postId: uuid('post_id')
			.notNull()
			.references(() => boardPost.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		word: boardReactionWordEnum('word').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.postId, table.personId, table.word] })]
);

/** "Dit voelt niet goed": a participant's report of a post or reply, open until a trainer acts on it. */
export const boardReport = pgTable(
	'board_report',
	{
		postId: uuid('post_id')
			.notNull()
			.references(() => boardPost.id, { onDelete: 'cascade' }),
		reporterPersonId: uuid('reporter_person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		handledAt: timestamp('handled_at', { withTimezone: true })
	},
	(table) => [
		primaryKey({ columns: [table.postId, table.reporterPersonId] }),
		index('board_report_open_idx')
			.on(table.postId)
			.where(sql`${table.handledAt} is null`)
	]
);

/** A group's board settings; no row: posts show at once. */
export const boardSetting = pgTable('board_setting', {
	groupId: uuid('group_id')
		.primaryKey()
		.references(() => courseGroup.id, { onDelete: 'cascade' }),
	/** A participant's post or reply waits until a trainer approves it. */
	approveFirst: boolean('approve_first').notNull().default(false),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** What one reader did on the board: saw the rules (shown on first use), last opened it. */
export const boardReader = pgTable('board_reader', {
	personId: uuid('person_id')
		.primaryKey()
		.references(() => person.id, { onDelete: 'cascade' }),
	rulesSeenAt: timestamp('rules_seen_at', { withTimezone: true }),
	lastVisitAt: timestamp('last_visit_at', { withTimezone: true })
});

/**
 * The claim that makes the board notice at most one a day: one row per person and (Dutch) day,
 * inserted in the transaction that sends it. A second worker with the same job finds it and stops.
 */
export const boardNoticeSent = pgTable(
	'board_notice_sent',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		day: date('day').notNull(),
		channel: reminderChannelEnum('channel').notNull(),
		/** 'sent', or why nothing was sent (switched off, no address). */
		outcome: text('outcome').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.day] })]
);
