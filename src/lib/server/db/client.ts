import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; commands pass it on so the audit record shares the transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
	db: Db;
	pool: pg.Pool;
	close(): Promise<void>;
}

/** Opens a node-postgres pool on `url` with the Drizzle schema. */
export function openDatabase(url: string, poolSize = 10): Database {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
	// An idle client losing its server (restart, network) must not crash the process.
	pool.on('error', () => undefined);
	const db = drizzle(pool, { schema });
	return { db, pool, close: () => pool.end() };
}
