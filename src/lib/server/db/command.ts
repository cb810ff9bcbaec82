/**
 * The database a command-line tool works on (`audit:verify`, `backup`, `restore`, the admin
 * commands): DATABASE_URL, or the embedded PostgreSQL in DATA_DIR — the app's running server when
 * the app runs, otherwise one started on the same data directory for this command and stopped after it.
 * Relative imports only: the tools load this file outside SvelteKit.
 */
import path from 'node:path';
import { openDatabase, type Database } from './client';
import { startEmbeddedPostgres } from './embedded';

export interface CommandDatabase extends Database {
	url: string;
	/** Where it is, for messages: the embedded data directory or the external server's host. */
	description: string;
}

/** DATA_DIR as the app reads it, for commands that do not parse the whole configuration. */
export function commandDataDir(): string {
	return path.resolve(process.env.DATA_DIR || './data');
}

/** Opens the command's database; `close()` also stops an embedded server this call started. */
export async function openCommandDatabase(
	options: { databaseUrl?: string; dataDir?: string; poolSize?: number } = {}
): Promise<CommandDatabase> {
	const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
	const dataDir = path.resolve(options.dataDir ?? commandDataDir());
	const embedded = databaseUrl ? null : await startEmbeddedPostgres({ dataDir });
	const url = databaseUrl || embedded?.url || '';
	const database = openDatabase(url, options.poolSize ?? 2);
	return {
		...database,
		url,
		description: embedded
			? `the embedded PostgreSQL in ${path.join(dataDir, 'pg')}`
			: `the database at ${new URL(url).host}${new URL(url).pathname}`,
		close: async () => {
			await database.close();
			await embedded?.stop();
		}
	};
}
