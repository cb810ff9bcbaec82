/**
 * Curriculum: versions of an organisation's modules and steps, each group's course and every
 * participant's progress and answers. Steps are known across versions by (module number, key).
 */
import {
	index,
	integer,
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
import { timestamps, type LocalisedText } from './common';
import { organisation, person } from './organisations-people';
import { courseGroup } from './groups';
import { media } from './media';

export const stepKindEnum = pgEnum('step_kind', ['text', 'video', 'exercise', 'practice']);
export const moduleStateEnum = pgEnum('module_state', ['open', 'coming', 'closed']);

/** One version of an organisation's curriculum. Version 1 is the starter curriculum (content/). */
export const curriculumVersion = pgTable(
	'curriculum_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		/** Null while coordinators are still editing it; groups can only move to a published version. */
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [uniqueIndex('curriculum_version_org_number_uq').on(table.organisationId, table.number)]
);

export const curriculumModule = pgTable(
	'curriculum_module',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => curriculumVersion.id, { onDelete: 'cascade' }),
		number: smallint('number').notNull(),
		slug: text('slug').notNull(),
		title: jsonb('title').$type<LocalisedText>().notNull(),
		summary: jsonb('summary').$type<LocalisedText>().notNull()
	},
	(table) => [uniqueIndex('curriculum_module_version_number_uq').on(table.versionId, table.number)]
);

export const curriculumStep = pgTable(
	'curriculum_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		moduleId: uuid('module_id')
			.notNull()
			.references(() => curriculumModule.id, { onDelete: 'cascade' }),
		/** Stable name across versions, e.g. "01-wat-is-herstel". */
		key: text('key').notNull(),
		position: smallint('position').notNull(),
		kind: stepKindEnum('kind').notNull(),
		title: jsonb('title').$type<LocalisedText>().notNull(),
		/** Markdown as written, and the safe HTML made from it when saved. */
		body: jsonb('body').$type<LocalisedText>().notNull(),
		bodyHtml: jsonb('body_html').$type<LocalisedText>().notNull(),
		question: jsonb('question').$type<LocalisedText>(),
		mediaId: uuid('media_id').references(() => media.id, { onDelete: 'set null' })
	},
	(table) => [
		uniqueIndex('curriculum_step_module_key_uq').on(table.moduleId, table.key),
		index('curriculum_step_media_idx').on(table.mediaId)
	]
);

/** The curriculum version a group follows; it moves only when a trainer chooses. */
export const groupCourse = pgTable('group_course', {
	groupId: uuid('group_id')
		.primaryKey()
		.references(() => courseGroup.id, { onDelete: 'cascade' }),
	versionId: uuid('version_id')
		.notNull()
		.references(() => curriculumVersion.id, { onDelete: 'restrict' }),
	...timestamps
});

/** Per group and module: open, coming (shown, not yet open) or closed (not shown); order; session date. */
export const groupModule = pgTable(
	'group_module',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		state: moduleStateEnum('state').notNull().default('coming'),
		position: smallint('position').notNull(),
		...timestamps
	},
	(table) => [primaryKey({ columns: [table.groupId, table.moduleNumber] })]
);

/** A step a trainer hid for one group. */
export const groupHiddenStep = pgTable(
	'group_hidden_step',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		stepKey: text('step_key').notNull(),
		hiddenByPersonId: uuid('hidden_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.groupId, table.moduleNumber, table.stepKey] })]
);

/** Which steps a participant has seen and finished. */
export const stepProgress = pgTable(
	'step_progress',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		stepKey: text('step_key').notNull(),
		seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true })
	},
	(table) => [primaryKey({ columns: [table.personId, table.moduleNumber, table.stepKey] })]
);

/** A participant's answer to an exercise or home-practice step, saved as they type (or typed in by a trainer). */
export const exerciseAnswer = pgTable(
	'exercise_answer',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		stepKey: text('step_key').notNull(),
		answer: text('answer').notNull(),
		/**
		 * The trainer who typed it in from the participant's paper workbook ("ingevuld door …"); null
		 * once the participant changes it themselves.
		 */
		enteredByPersonId: uuid('entered_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [primaryKey({ columns: [table.personId, table.moduleNumber, table.stepKey] })]
);

export const groupItemKindEnum = pgEnum('group_item_kind', ['text', 'link', 'exercise', 'file']);

/**
 * A group's own item in a module, added by its trainer: a short text, a link, an exercise or a file
 * (PDF or picture, stored like media under DATA_DIR/media). Shown
 * to the group's participants after the module's steps, as step "eigen-<id>".
 */
export const groupItem = pgTable(
	'group_item',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		kind: groupItemKindEnum('kind').notNull(),
		title: text('title').notNull(),
		/** Markdown as written, and the safe HTML made from it. */
		body: text('body').notNull().default(''),
		bodyHtml: text('body_html').notNull().default(''),
		url: text('url'),
		question: text('question'),
		/** For a file: the stored name, its type (from its first bytes), the name it had, its size. */
		fileName: text('file_name'),
		fileType: text('file_type'),
		fileLabel: text('file_label'),
		fileBytes: integer('file_bytes'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('group_item_group_module_idx').on(table.groupId, table.moduleNumber)]
);
