/**
 * Which tables hold data about a person, and how each right reaches them. Read from the schema, so a
 * new table is covered the day it is added, or the test beside this file fails until someone decides:
 *
 * - a table with a foreign key to `person` or `user` that deletes with it (ON DELETE CASCADE) holds
 *   that person's own rows, and so does a table whose rows cascade from such rows (a goal's events):
 *   the own-data export copies every such row of the participant (privacy/export.ts), and erasure
 *   removes them by deleting the person and the user;
 * - a table whose only references are ON DELETE SET NULL records what someone did to other data
 *   (staff authorship, a decision): erasure keeps the row without the person; those tables are
 *   listed in AUTHORSHIP_ONLY with why, and are not part of the participant's export;
 * - a column that names a person without a foreign key is listed in UNLINKED with how it is handled.
 */
import { is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';

export interface PersonReference {
	/** The column in the database. */
	column: string;
	/** What it points at: the person, or their login identity. */
	target: 'person' | 'user';
	onDelete: string;
}

/** A foreign key that deletes its rows with a parent row of a table the person owns. */
export interface ParentLink {
	column: string;
	parent: string;
	parentColumn: string;
}

export interface PersonTable {
	name: string;
	table: PgTable;
	references: PersonReference[];
}

/** A table whose rows belong to a person: directly (a cascading reference) or through a parent row. */
export interface OwnedTable extends PersonTable {
	/** The cascading references to the person or user (direct ownership). */
	owners: PersonReference[];
	/** The cascading foreign keys to tables the person owns (ownership through a parent). */
	parents: ParentLink[];
}

function tablesOfSchema(): PgTable[] {
	return (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
}

function personReferencesOf(table: PgTable): PersonReference[] {
	const references: PersonReference[] = [];
	for (const key of getTableConfig(table).foreignKeys) {
		const reference = key.reference();
		const target = getTableConfig(reference.foreignTable).name;
		if (target !== 'person' && target !== 'user') continue;
		for (const column of reference.columns)
			references.push({ column: column.name, target, onDelete: key.onDelete ?? 'no action' });
	}
	return references;
}

/** Every table with a foreign key to `person` or `user`, in the schema's order. */
export function personTables(): PersonTable[] {
	return tablesOfSchema()
		.map((table) => ({ name: getTableConfig(table).name, table, references: personReferencesOf(table) }))
		.filter((table) => table.references.length > 0);
}

/** The columns through which a table's rows belong to a person (deleted with them). */
export function ownerColumns(table: PersonTable): PersonReference[] {
	return table.references.filter((reference) => reference.onDelete === 'cascade');
}

/**
 * Every table whose rows belong to a person: those with a cascading reference to the person or their
 * user, and, until nothing changes, those with a cascading key to such a table (a goal's events, a
 * response's answers). The person table itself is not one of them (it is the person).
 */
export function ownedTables(): OwnedTable[] {
	const all = tablesOfSchema().map((table) => {
		const references = personReferencesOf(table);
		return {
			name: getTableConfig(table).name,
			table,
			references,
			owners: ownerColumnsOf(references),
			parents: [] as ParentLink[]
		};
	});
	const owned = new Map(
		all
			.filter((table) => table.owners.length > 0 && table.name !== 'person')
			.map((table) => [table.name, table])
	);
	for (let changed = true; changed;) {
		changed = false;
		for (const table of all) {
			if (table.name === 'person') continue;
			for (const key of getTableConfig(table.table).foreignKeys) {
				if (key.onDelete !== 'cascade') continue;
				const reference = key.reference();
				const parent = getTableConfig(reference.foreignTable).name;
				if (!owned.has(parent) || parent === table.name || reference.columns.length !== 1) continue;
				const link = {
					column: reference.columns[0]!.name,
					parent,
					parentColumn: reference.foreignColumns[0]!.name
				};
				if (table.parents.some((one) => one.column === link.column)) continue;
				table.parents.push(link);
				owned.set(table.name, table);
				changed = true;
			}
		}
	}
	return [...owned.values()];
}

function ownerColumnsOf(references: PersonReference[]): PersonReference[] {
	return references.filter((reference) => reference.onDelete === 'cascade');
}

/**
 * The rows of `table` that belong to the person: a condition on its own columns (its owners), or on
 * its parents' rows that do, depth first. `tables` is ownedTables() by name.
 */
export function ownedCondition(
	table: OwnedTable,
	tables: Map<string, OwnedTable>,
	ids: { personId: string; userId: string | null },
	depth = 0
): SQL | null {
	const parts: SQL[] = [];
	for (const owner of table.owners) {
		if (owner.target === 'person') parts.push(sql`${sql.identifier(owner.column)} = ${ids.personId}`);
		else if (ids.userId) parts.push(sql`${sql.identifier(owner.column)} = ${ids.userId}`);
	}
	if (depth < 4)
		for (const link of table.parents) {
			const parent = tables.get(link.parent);
			const inner = parent && ownedCondition(parent, tables, ids, depth + 1);
			if (inner)
				parts.push(
					sql`${sql.identifier(link.column)} in (select ${sql.identifier(link.parentColumn)} from ${sql.identifier(link.parent)} where ${inner})`
				);
		}
	return parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : null;
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
export const UNLINKED: Record<string, { columns: string[]; export: string; erase: string }> = {
	audit_event: {
		columns: ['participant_id', 'participant_ids', 'actor_person_id', 'on_behalf_of_person_id'],
		export: "exported: the participant's own access log (who touched their data, when)",
		erase:
			'kept: the access log must be kept for at least 5 years (NEN 7513, WGBO) and is append-only; its rows name people by id only'
	}
};

/**
 * Tables whose rows that reach a person through a parent row are not theirs to read, so the export
 * takes only the person's own rows of them: reports other people made about their board posts (only
 * trainers see reports); their own reports come along. Erased with the parent all the same.
 */
export const OWN_ROWS_ONLY: Record<string, string> = {
	board_report: "other participants' reports about the person's posts: only the group's trainers read them"
};

/** Column names never written to an export: secrets and the bytes of earlier exports. */
export const SECRET_COLUMN = /(token|hash|secret|password|p256dh|^auth$|^zip$|credential|public_key|^code$)/;
