/**
 * Peer-expert videos, shared by an organisation's curriculum steps.
 */
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalisedText } from './common';
import { organisation, person } from './organisations-people';

/** A peer-expert video with its captions and transcript, stored under DATA_DIR/media with random names. */
export const media = pgTable(
	'media',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		title: jsonb('title').$type<LocalisedText>().notNull(),
		videoFile: text('video_file').notNull(),
		videoType: text('video_type').notNull(),
		videoBytes: bigint('video_bytes', { mode: 'number' }).notNull(),
		posterFile: text('poster_file'),
		/** Caption files (WebVTT) per language. */
		captionFiles: jsonb('caption_files').$type<Partial<LocalisedText>>().notNull(),
		transcript: jsonb('transcript').$type<Partial<LocalisedText>>().notNull(),
		/** For media that came with the starter curriculum: its folder name in content/media. */
		starterName: text('starter_name'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		index('media_organisation_idx').on(table.organisationId),
		uniqueIndex('media_org_starter_uq').on(table.organisationId, table.starterName)
	]
);
