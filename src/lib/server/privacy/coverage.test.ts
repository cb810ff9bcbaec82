/**
 * The schema's proof for the privacy rights: every table that references a person is covered by the
 * own-data export and by erasure (./coverage.ts says how), so a new table cannot slip past either.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema';
import {
	AUTHORSHIP_ONLY,
	ownedTables,
	ownerColumns,
	personTables,
	SECRET_COLUMN,
	UNLINKED
} from './coverage';

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

describe('privacy coverage of the schema', () => {
	it('finds the tables that hold a person’s data', () => {
		const names = personTables().map((table) => table.name);
		for (const name of ['check_in', 'recovery_goal', 'message', 'consent', 'data_export', 'session'])
			expect(names).toContain(name);
	});

	it('lets erasure delete a person: every reference cascades or is set to null', () => {
		const blocking = personTables().flatMap((table) =>
			table.references
				.filter((reference) => reference.onDelete !== 'cascade' && reference.onDelete !== 'set null')
				.map((reference) => `${table.name}.${reference.column} (${reference.onDelete})`)
		);
		expect(blocking).toEqual([]);
	});

	it('covers every table that references a person by the export and the erasure, or says why not', () => {
		const owned = new Set(ownedTables().map((table) => table.name));
		const uncovered = personTables()
			.filter((table) => !owned.has(table.name) && !(table.name in AUTHORSHIP_ONLY))
			.map((table) => table.name);
		expect(uncovered, 'add the table to AUTHORSHIP_ONLY with why, or make its owner column cascade').toEqual(
			[]
		);
	});

	it('lists no table as authorship-only that owns rows or no longer exists', () => {
		const byName = new Map(personTables().map((table) => [table.name, table]));
		const owned = new Set(ownedTables().map((table) => table.name));
		const allNames = new Set(tables.map((table) => getTableConfig(table).name));
		for (const name of Object.keys(AUTHORSHIP_ONLY)) {
			expect(allNames.has(name), name).toBe(true);
			const table = byName.get(name);
			if (table && name !== 'person') expect(ownerColumns(table), name).toEqual([]);
			expect(owned.has(name), name).toBe(false);
		}
	});

	it('knows every column that names a person without a foreign key', () => {
		const linked = new Set(
			personTables().flatMap((table) =>
				table.references.map((reference) => `${table.name}.${reference.column}`)
			)
		);
		const unlinked: string[] = [];
		for (const table of tables) {
			const config = getTableConfig(table);
			for (const column of config.columns) {
				const namesPerson =
					/(^|_)(person|participant|author|actor)(_ids?|_person_id)?$|person_id$|participant_ids?$/.test(
						column.name
					);
				if (!namesPerson || linked.has(`${config.name}.${column.name}`)) continue;
				if (UNLINKED[config.name]?.columns.includes(column.name)) continue;
				unlinked.push(`${config.name}.${column.name}`);
			}
		}
		expect(
			unlinked,
			'a person named without a foreign key: add it to UNLINKED with how each right treats it'
		).toEqual([]);
	});

	it('finds rows that belong to a person through a parent row', () => {
		const goalEvent = ownedTables().find((table) => table.name === 'goal_event');
		expect(goalEvent?.parents.map((link) => link.parent)).toContain('recovery_goal');
	});

	it('never exports a secret column', () => {
		for (const column of ['token_hash', 'secret', 'password_hash', 'p256dh', 'auth', 'zip', 'code_hash'])
			expect(SECRET_COLUMN.test(column), column).toBe(true);
		for (const column of ['text', 'week_start', 'closeness'])
			expect(SECRET_COLUMN.test(column), column).toBe(false);
	});
});
