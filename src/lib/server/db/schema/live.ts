/**
 * Live mode: during the face-to-face session the trainer asks prompts that the participants answer on
 * their own phones, and the wall (a projector view) shows the prompt and, when revealed, the answers.
 * Every change writes a `live_event`; a trigger notifies the channel `herstelpad_live` with only the
 * group id and the event id (migration 0028), and each app instance sends its open streams the state
 * as of that event.
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	index,
	jsonb,
	pgEnum,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { timestamps, type LocalisedText } from './common';
import { person } from './organisations-people';
import { courseGroup } from './groups';
import { groupSession } from './calendar';

export const livePromptKindEnum = pgEnum('live_prompt_kind', ['open', 'choice', 'scale', 'share', 'story']);
export const livePromptStatusEnum = pgEnum('live_prompt_status', ['ready', 'open', 'closed']);

/**
 * A prompt prepared for one session: a prepared one of the planned module (`contentKey`, its texts
 * copied in both languages) or the trainer's own words (the same text in both).
 */
export const livePrompt = pgTable(
	'live_prompt',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSession.id, { onDelete: 'cascade' }),
		position: smallint('position').notNull(),
		kind: livePromptKindEnum('kind').notNull(),
		text: jsonb('text').$type<LocalisedText>().notNull(),
		/** The choices of a poll, in both languages. */
		choices: jsonb('choices').$type<LocalisedText[]>().notNull().default([]),
		/** Where a prepared prompt came from: "<module number>/<index>" in content/live. */
		contentKey: text('content_key'),
		/** The module step a "watch the peer story" prompt opens. */
		stepKey: text('step_key'),
		moduleNumber: smallint('module_number'),
		/** No name or person id reaches the wall, the phones or any export. */
		anonymous: boolean('anonymous').notNull().default(true),
		/** Open answers reach the wall only after the trainer approves them. */
		approveFirst: boolean('approve_first').notNull().default(false),
		status: livePromptStatusEnum('status').notNull().default('ready'),
		revealed: boolean('revealed').notNull().default(false),
		/** The group-board post the trainer kept its answers in (board_post; no reference: boards clean up on their own). */
		keptPostId: uuid('kept_post_id'),
		openedAt: timestamp('opened_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [index('live_prompt_session_idx').on(table.sessionId, table.position)]
);

/** Live mode running in a group: at most one open round per group. */
export const liveRound = pgTable(
	'live_round',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSession.id, { onDelete: 'cascade' }),
		currentPromptId: uuid('current_prompt_id').references(() => livePrompt.id, { onDelete: 'set null' }),
		startedByPersonId: uuid('started_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(table) => [
		uniqueIndex('live_round_open_uq')
			.on(table.groupId)
			.where(sql`${table.endedAt} is null`),
		index('live_round_session_idx').on(table.sessionId)
	]
);

/** One participant's answer to a prompt; changed in place while the prompt is open. */
export const liveAnswer = pgTable(
	'live_answer',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		promptId: uuid('prompt_id')
			.notNull()
			.references(() => livePrompt.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** Open, share and story prompts. */
		text: text('text'),
		/** A poll's choice (0-based) or a scale's value (1–5). */
		choice: smallint('choice'),
		approvedAt: timestamp('approved_at', { withTimezone: true }),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenByPersonId: uuid('hidden_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [
		uniqueIndex('live_answer_prompt_person_uq').on(table.promptId, table.personId),
		index('live_answer_person_idx').on(table.personId)
	]
);

/**
 * What changed in a round, in order. The id is what a stream sends as its event id, so a reconnect
 * (`Last-Event-ID`) resumes after the last state it had.
 */
export const liveEvent = pgTable(
	'live_event',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		roundId: uuid('round_id')
			.notNull()
			.references(() => liveRound.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('live_event_group_idx').on(table.groupId, table.id)]
);
