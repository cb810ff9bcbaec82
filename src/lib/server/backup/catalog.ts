/**
 * What a backup holds of the database, read from pg_catalog rather than listed by hand: every table
 * of the app's schema with its stored columns, in foreign-key order, and every sequence's position.
 * A table added by a later migration is backed up without a change here.
 */
import pg from 'pg';

/** The app's tables live in `public`; drizzle's bookkeeping (its own schema) is rebuilt by the migrations. */
export const APP_SCHEMA = 'public';

export interface TableInfo {
	name: string;
	/** Columns COPY reads and writes: generated columns are left out, PostgreSQL computes them again. */
	columns: string[];
}

export interface SequenceState {
	name: string;
	lastValue: string;
	isCalled: boolean;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

/** The schema's tables (a partitioned table as one, its partitions not apart), parents before children. */
export async function appTables(client: Queryable): Promise<TableInfo[]> {
	const tables = await client.query<{ name: string; columns: string[] }>(
		`select c.relname as name,
		        array(select a.attname::text from pg_attribute a
		               where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
		               order by a.attnum) as columns
		   from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition
		  order by c.relname`,
		[APP_SCHEMA]
	);
	const references = await client.query<{ child: string; parent: string }>(
		`select distinct child.relname as child, parent.relname as parent
		   from pg_constraint k
		   join pg_class child on child.oid = k.conrelid
		   join pg_class parent on parent.oid = k.confrelid
		   join pg_namespace n on n.oid = child.relnamespace
		  where k.contype = 'f' and n.nspname = $1 and child.oid <> parent.oid`,
		[APP_SCHEMA]
	);
	return foreignKeyOrder(tables.rows, references.rows);
}

/**
 * Orders tables so that every table comes after the tables its foreign keys point to (Kahn's
 * algorithm, by name among equals, so the order is the same on every run). A table referring to
 * itself needs nothing: its foreign key is checked when its COPY statement ends. A cycle between
 * tables cannot be loaded in any order and is named.
 */
export function foreignKeyOrder<T extends { name: string }>(
	tables: T[],
	references: { child: string; parent: string }[]
): T[] {
	const byName = new Map(tables.map((table) => [table.name, table]));
	const waitingFor = new Map(tables.map((table) => [table.name, new Set<string>()]));
	for (const { child, parent } of references) {
		if (byName.has(parent)) waitingFor.get(child)?.add(parent);
	}
	const ordered: T[] = [];
	while (waitingFor.size > 0) {
		const ready = [...waitingFor].filter(([, parents]) => parents.size === 0).map(([name]) => name);
		if (ready.length === 0) {
			throw new Error(`the foreign keys of these tables form a cycle: ${[...waitingFor.keys()].join(', ')}`);
		}
		for (const name of ready.sort()) {
			ordered.push(byName.get(name)!);
			waitingFor.delete(name);
			for (const parents of waitingFor.values()) parents.delete(name);
		}
	}
	return ordered;
}

/** Every sequence of the schema (serial and identity columns' too) and where it stands. */
export async function sequenceStates(client: Queryable): Promise<SequenceState[]> {
	const sequences = await client.query<{ name: string }>(
		`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where n.nspname = $1 and c.relkind = 'S' order by c.relname`,
		[APP_SCHEMA]
	);
	const states: SequenceState[] = [];
	for (const { name } of sequences.rows) {
		const found = await client.query<{ last_value: string; is_called: boolean }>(
			`select last_value::text, is_called from ${qualified(name)}`
		);
		const row = found.rows[0];
		if (row) states.push({ name, lastValue: row.last_value, isCalled: row.is_called });
	}
	return states;
}

/** Puts each sequence back where the backup found it, so new rows do not reuse restored ids. */
export async function restoreSequences(client: Queryable, states: SequenceState[]): Promise<void> {
	for (const state of states) {
		await client.query('select setval($1::regclass, $2::bigint, $3)', [
			qualified(state.name),
			state.lastValue,
			state.isCalled
		]);
	}
}

/** Tables of the schema holding at least one row (an empty database has none). */
export async function tablesWithRows(client: Queryable): Promise<string[]> {
	const filled: string[] = [];
	for (const table of await appTables(client)) {
		const found = await client.query(`select 1 from ${qualified(table.name)} limit 1`);
		if (found.rowCount) filled.push(table.name);
	}
	return filled;
}

/** `"public"."name"`, quoted. */
export function qualified(name: string): string {
	return `${pg.escapeIdentifier(APP_SCHEMA)}.${pg.escapeIdentifier(name)}`;
}

/** A column list for COPY, quoted. */
export function columnList(columns: string[]): string {
	return columns.map((column) => pg.escapeIdentifier(column)).join(', ');
}
