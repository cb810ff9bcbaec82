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

type ConnectCallback = Parameters<pg.Pool['connect']>[0] & object;

/**
 * A pool whose checked-out clients survive their server going away (a crash, a restart,
 * `pg_terminate_backend`). node-postgres listens for 'error' on idle clients only: a checked-out
 * client (a transaction between two statements, the migration lock) whose connection ends emits
 * an 'error' nobody hears, and that ends the process. Here such a client is handed back as broken
 * at once, so its slot is free even when its holder never releases it (drizzle does not when
 * `begin` fails); the holder's own release later is then ignored.
 */
class ResilientPool extends pg.Pool {
	override connect(): Promise<pg.PoolClient>;
	override connect(callback: ConnectCallback): void;
	override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
		// pool.query() checks out with a callback and listens for errors itself.
		if (callback) return super.connect(callback);
		return super.connect().then(releasedWhenLost);
	}
}

function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
	const release = client.release;
	let released = false;
	const releaseOnce = (error?: Error | boolean) => {
		if (released) return;
		released = true;
		client.off('error', onLost);
		release(error);
	};
	const onLost = (error: Error) => releaseOnce(error);
	client.on('error', onLost);
	client.release = releaseOnce;
	return client;
}

/** Opens a node-postgres pool on `url` with the Drizzle schema. */
export function openDatabase(url: string, poolSize = 10): Database {
	const pool = new ResilientPool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
	// An idle client losing its server (restart, network) must not crash the process.
	pool.on('error', () => undefined);
	// Nor any client in the moments between the pool's own listeners: the statement that was
	// running fails by itself, and the pool drops the broken client.
	pool.on('connect', (client) => client.on('error', () => undefined));
	const db = drizzle(pool, { schema });
	return { db, pool, close: () => pool.end() };
}
