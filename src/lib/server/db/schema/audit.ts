/**
 * Access log (NEN 7513). Append-only: written by $lib/server/audit/record.ts inside the action's
 * transaction. Database triggers (migration 0001) set chain_seq, previous_hash and hash, refuse
 * UPDATE, TRUNCATE and DELETE of rows younger than five years.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** FHIR AuditEvent.action codes: create, read, update, delete, execute (print, export, search). */
export const auditActionEnum = pgEnum('audit_action', ['C', 'R', 'U', 'D', 'E']);
export const auditOutcomeEnum = pgEnum('audit_outcome', ['success', 'failure']);

export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** Position in the hash chain; set by the insert trigger under a lock. */
		chainSeq: bigint('chain_seq', { mode: 'number' }).notNull().default(0).unique(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
		eventType: text('event_type').notNull(),
		action: auditActionEnum('action').notNull(),
		outcome: auditOutcomeEnum('outcome').notNull(),
		// Snapshots, not foreign keys: log rows outlive the people and objects they mention.
		actorPersonId: uuid('actor_person_id'),
		actorRole: text('actor_role'),
		actorName: text('actor_name'),
		actorOrganisationId: uuid('actor_organisation_id'),
		onBehalfOfPersonId: uuid('on_behalf_of_person_id'),
		participantId: uuid('participant_id'),
		/** The participants a list read showed (one row per page, not one per participant). */
		participantIds: uuid('participant_ids').array(),
		organisationId: uuid('organisation_id'),
		objectType: text('object_type'),
		objectId: text('object_id'),
		accessPoint: text('access_point'),
		previousHash: text('previous_hash'),
		hash: text('hash').notNull().default('')
	},
	(table) => [
		index('audit_event_participant_idx').on(table.participantId, table.recordedAt),
		// Only the rows of list reads have the list: the others (nearly all) stay out of the index. Without
		// the pending list (fastupdate), a participant's look-up never reads a backlog of recent inserts.
		index('audit_event_participant_ids_idx')
			.using('gin', table.participantIds)
			.where(sql`${table.participantIds} is not null`)
			.with({ fastupdate: false }),
		index('audit_event_organisation_idx').on(table.organisationId, table.recordedAt),
		index('audit_event_actor_idx').on(table.actorPersonId, table.recordedAt),
		// The coordinator's log viewer (audit/queries.ts): a filter by action reads only those rows,
		// newest first; rows an organisation's people wrote about another organisation's data are
		// rare, so their index holds only those.
		index('audit_event_organisation_action_idx').on(table.organisationId, table.action, table.recordedAt),
		index('audit_event_actor_organisation_idx')
			.on(table.actorOrganisationId, table.recordedAt)
			.where(sql`organisation_id is distinct from actor_organisation_id`),
		// "Has this participant ever signed in?" (the attention lists) without reading their other rows.
		index('audit_event_sign_in_idx')
			.on(table.actorPersonId)
			.where(
				sql`${table.eventType} in ('auth.sign_in', 'login_card.use', 'auth.link_use') and ${table.outcome} = 'success'`
			)
	]
);

/**
 * What is left of an access-log row removed after its retention period (at least 5 years): its place
 * in the chain and its links, no contents. The chain still verifies across it (audit/verify.ts), and
 * nothing was rewritten. Written by the delete trigger (migration 0040), never by the app; append-only.
 */
export const auditEventRemoved = pgTable('audit_event_removed', {
	chainSeq: bigint('chain_seq', { mode: 'number' }).primaryKey(),
	previousHash: text('previous_hash'),
	hash: text('hash').notNull(),
	recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
	organisationId: uuid('organisation_id'),
	removedAt: timestamp('removed_at', { withTimezone: true }).notNull().defaultNow()
});
