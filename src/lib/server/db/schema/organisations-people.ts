/**
 * Organisations (tenants) and the people in them, each with one role.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { user } from './auth';

export const organisation = pgTable('organisation', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	slug: text('slug').notNull().unique(),
	/** Demo organisations hold synthetic data only and are marked "Demo" in the UI. */
	isDemo: boolean('is_demo').notNull().default(false),
	/** Whether participants see staff names in "who viewed my data" (otherwise role and organisation only). */
	showStaffNamesInAccessLog: boolean('show_staff_names_in_access_log').notNull().default(true),
	...timestamps
});

export const roleEnum = pgEnum('role', [
	'participant',
	'trainer',
	'coordinator',
	'researcher',
	'significant_other',
	'platform_admin'
]);

/**
 * A person known to Herstelpad, with one role. Every role except platform admin belongs to one
 * organisation. `userId` links the person to a login identity; later login methods (login card,
 * passkey, magic link) attach to the same user.
 */
export const person = pgTable(
	'person',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'restrict' }),
		userId: text('user_id')
			.unique()
			.references(() => user.id, { onDelete: 'set null' }),
		role: roleEnum('role').notNull(),
		displayName: text('display_name').notNull(),
		/** A trainer who is a peer expert (ervaringsdeskundige); same rights as other trainers. */
		isPeerExpert: boolean('is_peer_expert').notNull().default(false),
		phone: text('phone'),
		preferredLocale: text('preferred_locale'),
		deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
		...timestamps
	},
	(table) => [
		index('person_organisation_idx').on(table.organisationId),
		// The coordinator's people list (people/queries.ts): one page in (role, name, id) order, per
		// organisation; the partial one serves the "turned off" filter; the GIN one the name search.
		index('person_people_list_idx').on(
			table.organisationId,
			table.role,
			sql`lower(${table.displayName})`,
			table.id
		),
		index('person_people_inactive_idx')
			.on(table.organisationId, table.role, sql`lower(${table.displayName})`, table.id)
			.where(sql`${table.deactivatedAt} is not null`),
		index('person_name_search_idx').using('gin', sql`to_tsvector('simple', ${table.displayName})`),
		check(
			'person_organisation_matches_role',
			sql`(${table.role} = 'platform_admin') = (${table.organisationId} is null)`
		),
		check('person_peer_expert_is_trainer', sql`not ${table.isPeerExpert} or ${table.role} = 'trainer'`)
	]
);
