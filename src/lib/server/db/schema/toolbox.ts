/**
 * A participant's own coping toolbox ("Wat helpt mij") and support network ("Steunnetwerk"): the
 * ways of coping they keep (a suggestion of content/toolbox or their own words), each with how well
 * it works for them, and the people around them with the support they give and how often they are
 * in touch. Only the participant writes them; their trainers read them (workbook/toolbox, network).
 */
import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { person } from './organisations-people';

/**
 * One way of coping in a participant's box: a suggestion (its key in content/toolbox; its words
 * come from there, in the reader's language) or the participant's own words, never both.
 */
export const copingTool = pgTable(
	'coping_tool',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		suggestionKey: text('suggestion_key'),
		ownText: text('own_text'),
		/** How well it works for them, 1 (not at all) to 5 (very well); null until they say. */
		rating: smallint('rating'),
		...timestamps
	},
	(table) => [
		// The box of one participant, best first (the list page and the workbook).
		index('coping_tool_person_idx').on(table.personId, table.createdAt),
		// A suggestion is in a box once: a second tap on "add" finds it there.
		uniqueIndex('coping_tool_suggestion_uq')
			.on(table.personId, table.suggestionKey)
			.where(sql`${table.suggestionKey} is not null`),
		check('coping_tool_one_source', sql`(${table.suggestionKey} is null) <> (${table.ownText} is null)`),
		check('coping_tool_rating_range', sql`${table.rating} between 1 and 5`)
	]
);

/** What someone in the network does for the participant (one or more). */
export const supportKindEnum = pgEnum('support_kind', ['practical', 'talk', 'crisis', 'company']);

/** How often the participant is in touch with them: the rings around "ik", closest first. */
export const contactFrequencyEnum = pgEnum('contact_frequency', ['daily', 'weekly', 'monthly', 'less']);

/** Someone in a participant's support network, in the participant's words ("mijn zus"). */
export const supportPerson = pgTable(
	'support_person',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		kinds: supportKindEnum('kinds').array().notNull(),
		frequency: contactFrequencyEnum('frequency').notNull(),
		...timestamps
	},
	(table) => [
		index('support_person_person_idx').on(table.personId, table.createdAt),
		check('support_person_some_kind', sql`cardinality(${table.kinds}) between 1 and 4`)
	]
);
