import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/** Where the committed migrations live; the app runs from the repository root. */
export function migrationsFolder(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

// Any constant works; it keeps two instances starting together from migrating at once.
const MIGRATION_LOCK = 724_311_907;

/** Applies the committed migrations that are not yet applied, one instance at a time. */
export async function migrateDatabase(pool: pg.Pool, folder = migrationsFolder()): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migrate(drizzle(client), { migrationsFolder: folder });
	} finally {
		await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		client.release();
	}
}

/** One committed migration: its file name without `.sql`, and the time drizzle records for it. */
export interface MigrationId {
	tag: string;
	when: number;
}

interface Journal {
	entries: MigrationId[];
}

async function readJournal(folder = migrationsFolder()): Promise<Journal> {
	return JSON.parse(await fs.readFile(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** The committed migrations, oldest first. */
export async function knownMigrations(): Promise<MigrationId[]> {
	return (await readJournal()).entries.map(({ tag, when }) => ({ tag, when }));
}

/**
 * The last migration applied to this database (null when none is), named by its tag when this
 * app knows it; `tag` is null for one made by a newer version of the app.
 */
export async function lastAppliedMigration(
	client: pg.Pool | pg.PoolClient
): Promise<{ tag: string | null; when: number } | null> {
	// Asked first rather than caught: a failed query would end the caller's transaction.
	const table = await client.query<{ found: boolean }>(
		`select to_regclass('drizzle.__drizzle_migrations') is not null as found`
	);
	if (!table.rows[0]?.found) return null;
	const found = await client.query<{ created_at: string }>(
		'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1'
	);
	const row = found.rows[0];
	if (!row) return null;
	const when = Number(row.created_at);
	const known = (await knownMigrations()).find((entry) => entry.when === when);
	return { tag: known?.tag ?? null, when };
}

/**
 * Applies the committed migrations up to and including `tag`, not the ones after it: a restore
 * brings a database to the schema its backup was made with. Drizzle reads a folder, so the journal
 * is cut short in a temporary copy of it.
 */
export async function migrateDatabaseTo(pool: pg.Pool, tag: string): Promise<void> {
	const journal = await readJournal();
	const last = journal.entries.findIndex((entry) => entry.tag === tag);
	if (last < 0) throw new Error(`unknown migration ${tag}`);
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'herstelpad-migrations-'));
	try {
		const entries = journal.entries.slice(0, last + 1);
		await fs.mkdir(path.join(folder, 'meta'));
		await fs.writeFile(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
		for (const entry of entries) {
			await fs.copyFile(
				path.join(migrationsFolder(), `${entry.tag}.sql`),
				path.join(folder, `${entry.tag}.sql`)
			);
		}
		await migrateDatabase(pool, folder);
	} finally {
		await fs.rm(folder, { recursive: true, force: true });
	}
}

/** True when every committed migration has been applied to this database. */
export async function migrationsAreCurrent(pool: pg.Pool): Promise<boolean> {
	const journal = await readJournal();
	const applied = await pool
		.query<{ count: string }>('select count(*) from drizzle.__drizzle_migrations')
		.then((result) => Number(result.rows[0]?.count ?? 0))
		.catch(() => 0);
	return applied >= journal.entries.length;
}
