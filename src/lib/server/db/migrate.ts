import fs from 'node:fs/promises';
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
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
	} finally {
		await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		client.release();
	}
}

/** True when every committed migration has been applied to this database. */
export async function migrationsAreCurrent(pool: pg.Pool): Promise<boolean> {
	const journal = JSON.parse(
		await fs.readFile(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')
	) as {
		entries: unknown[];
	};
	const applied = await pool
		.query<{ count: string }>('select count(*) from drizzle.__drizzle_migrations')
		.then((result) => Number(result.rows[0]?.count ?? 0))
		.catch(() => 0);
	return applied >= journal.entries.length;
}
