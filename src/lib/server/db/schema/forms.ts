/**
 * What forms leave behind: the idempotency claim of a submitted form, and the input kept when a
 * session ended before a form was sent.
 */
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { person } from './organisations-people';

/**
 * The idempotency key a form carries (made when the page rendered), claimed in the transaction of the
 * write it guards. A replay — a resend after a lost answer, a double click, two at once — finds the
 * claim (or waits for it on the primary key) and answers with the stored result instead of writing.
 */
export const formSubmission = pgTable(
	'form_submission',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** Which write the key was for (e.g. 'message.send'): a key copied to another form is a new key there. */
		action: text('action').notNull(),
		key: uuid('key').notNull(),
		/** What the first write answered (its id or outcome), given again to a replay. */
		result: jsonb('result'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.action, table.key] })]
);

/**
 * Form input kept when a session ended before the form was sent (WCAG 2.2.1 / 3.3.7): restored on
 * the same page after signing in again, then removed. One draft per person and page.
 */
export const formDraft = pgTable(
	'form_draft',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		path: text('path').notNull(),
		fields: jsonb('fields').$type<Record<string, string>>().notNull(),
		savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.userId, table.path] })]
);
