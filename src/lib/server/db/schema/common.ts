/**
 * Pieces the schema files share: the created/updated columns and the type of text kept in both
 * languages. index.ts re-exports the type only, so the schema's exports stay tables and enums.
 */
import { timestamp } from 'drizzle-orm/pg-core';

export const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true })
		.notNull()
		.defaultNow()
		.$onUpdate(() => new Date())
};

/** Text in both languages. */
export type LocalisedText = { nl: string; en: string };
