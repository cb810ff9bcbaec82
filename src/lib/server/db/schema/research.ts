/**
 * The pseudonymised research export (issue 20, item 8): the studies of an organisation, each with its
 * own key for the keyed hash that turns a person's id into a pseudonym. The key is sealed with the
 * app's secret (auth/secret-box.ts) and never leaves the server. Who made a study and every export
 * are in the access log (research.study_create, research.export), so no person is referenced here.
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation } from './organisations-people';

export const researchStudy = pgTable(
	'research_study',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** 32 random bytes (base64url), sealed with the app's secret: "v1.<iv>.<tag>.<ciphertext>". */
		keySealed: text('key_sealed').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		// The list of an organisation's studies, newest first, one page at a time.
		index('research_study_org_created_idx').on(table.organisationId, table.createdAt, table.id)
	]
);
