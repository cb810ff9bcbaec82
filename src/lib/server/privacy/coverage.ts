/**
 * Which tables hold data about a person, and how each right reaches them. Read from the schema, so a
 * new table is covered the day it is added, or the test beside this file fails until someone decides:
 *
 * - a table with a foreign key to `person` or `user` that deletes with it (ON DELETE CASCADE) holds
 *   that person's own rows: the own-data export copies every row where such a column is the
 *   participant (privacy/export.ts), and erasure removes them by deleting the person and the user;
 * - a table whose only references are ON DELETE SET NULL records what someone did to other data
 *   (staff authorship, a decision): erasure keeps the row without the person; those tables are
 *   listed in AUTHORSHIP_ONLY with why, and are not part of the participant's export;
 * - a column that names a person without a foreign key is listed in UNLINKED with how it is handled.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';

export interface PersonReference {
	/** The column in the database. */
	column: string;
	/** What it points at: the person, or their login identity. */
	target: 'person' | 'user';
	onDelete: string;
}

export interface PersonTable {
	name: string;
	table: PgTable;
	references: PersonReference[];
}

/** Every table with a foreign key to `person` or `user`, in the schema's order. */
export function personTables(): PersonTable[] {
	const found: PersonTable[] = [];
	for (const value of Object.values(schema)) {
		if (!is(value, PgTable)) continue;
		const config = getTableConfig(value);
		const references: PersonReference[] = [];
		for (const key of config.foreignKeys) {
			const reference = key.reference();
			const target = getTableConfig(reference.foreignTable).name;
			if (target !== 'person' && target !== 'user') continue;
			for (const column of reference.columns)
				references.push({ column: column.name, target, onDelete: key.onDelete ?? 'no action' });
		}
		if (references.length > 0) found.push({ name: config.name, table: value, references });
	}
	return found;
}

/** The columns through which a table's rows belong to a person (deleted with them). */
export function ownerColumns(table: PersonTable): PersonReference[] {
	return table.references.filter((reference) => reference.onDelete === 'cascade');
}

/**
 * Tables that reference a person only to say who made or decided something. Erasure keeps the row
 * and forgets the person (SET NULL); the participant's export leaves them out, because they are the
 * organisation's records or other people's work.
 */
export const AUTHORSHIP_ONLY: Record<string, string> = {
	person: 'the person row itself: erased last, it takes every owned row with it',
	organisation: 'no reference to a person',
	curriculum_version: 'who published a curriculum version (staff)',
	group_hidden_step: 'which trainer hid a step for a group',
	group_item: "a trainer's own course item for a group",
	home_practice: 'the home practice a trainer set for a group',
	fhir_export: 'which coordinator started a bulk export',
	fidelity_assessment: "the group's fidelity assessment by its trainers",
	fidelity_item_score: 'a score in the fidelity assessment',
	live_prompt: "a trainer's prompt for live mode",
	live_round: 'who started a live round',
	questionnaire: 'who imported a questionnaire definition',
	media: 'who uploaded a video or file (staff)',
	erasure_request:
		'the record that an erasure request was received and decided in time (AVG art. 12, 17): kept, without the person'
};

/** Tables that name a person in a column without a foreign key, and how each right treats them. */
export const UNLINKED: Record<string, { column: string; export: string; erase: string }> = {
	audit_event: {
		column: 'participant_id',
		export: "exported: the participant's own access log (who touched their data, when)",
		erase:
			'kept: the access log must be kept for at least 5 years (NEN 7513, WGBO) and is append-only; its rows name people by id only'
	}
};

/** Column names never written to an export: secrets and the bytes of earlier exports. */
export const SECRET_COLUMN = /(token|hash|secret|password|p256dh|^auth$|^zip$|credential|public_key|^code$)/;
