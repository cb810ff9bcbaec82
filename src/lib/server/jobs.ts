/**
 * Background jobs on pg-boss for the capabilities that run one long task per request (the FHIR bulk
 * export, the participant's own-data export): the queue installed at start, the job queued inside
 * the transaction of the row it works on, and one worker per instance taking one job at a time.
 */
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Tx } from './db/client';
import { logger } from './log';
import { jobExecutor } from './mail/queue';

export interface QueueSettings {
	retryLimit: number;
	retryDelay: number;
	expireInSeconds: number;
}

/** Only used to build pg-boss's SQL: every call passes the transaction as its `db`. */
let sender: PgBoss | undefined;
function jobSender(): PgBoss {
	sender ??= new PgBoss({
		db: { executeSql: () => Promise.reject(new Error('jobs are queued inside a transaction')) }
	});
	return sender;
}

/** Queues one job in `tx`: nothing is queued if the transaction rolls back. */
export async function queueJob(tx: Tx, queue: string, data: object): Promise<void> {
	const id = await jobSender().send(queue, data, { db: jobExecutor(tx) });
	// pg-boss skips a job for a queue that does not exist: say so rather than wait for ever.
	if (id === null) throw new Error(`job not queued (does the queue ${queue} exist?)`);
}

// Any constant works (beside db/migrate.ts's): it keeps two instances from creating queues at once.
const QUEUES_LOCK = 724_311_908;

/**
 * Runs `work` (starting this instance's pg-boss workers) while no other instance on the database does:
 * two instances starting together would create pg-boss's tables and queues at the same moment, which
 * PostgreSQL ends with "deadlock detected" and the second instance then runs without its jobs. The lock
 * is held on a connection of its own, outside the pool the workers use (a pool of one would wait on
 * itself), and ends with that connection.
 */
export async function oneStartAtATime<T>(url: string, work: () => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
	client.on('error', () => undefined);
	await client.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [QUEUES_LOCK]);
		return await work();
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** Installs pg-boss's tables and the queue if they are not there yet. */
export async function installQueue(pool: pg.Pool, queue: string, settings: QueueSettings): Promise<void> {
	await withQueueAdmin(pool, (boss) => boss.createQueue(queue, { name: queue, ...settings }));
}

/**
 * Installs pg-boss's tables if needed and runs `work` with a pg-boss that works no jobs and keeps no
 * schedules itself: for setting up queues and putting jobs in them (also `restore`).
 */
export async function withQueueAdmin<T>(pool: pg.Pool, work: (boss: PgBoss) => Promise<T>): Promise<T> {
	const boss = new PgBoss({
		db: { executeSql: (text, values) => pool.query(text, values) },
		supervise: false,
		schedule: false,
		migrate: true
	});
	boss.on('error', () => undefined);
	await boss.start();
	try {
		return await work(boss);
	} finally {
		await boss.stop({ graceful: false, close: false, wait: true });
	}
}

export interface QueueWorker {
	boss: PgBoss;
	stop(): Promise<void>;
}

/** Installs the queue, then works its jobs one at a time on this instance until stopped (and, with
 * `cron`, has pg-boss queue one job at those times, Dutch time). */
export async function startQueueWorker<Data extends object>(
	pool: pg.Pool,
	queue: string,
	settings: QueueSettings,
	handle: (data: Data) => Promise<void>,
	options: { pollingIntervalSeconds?: number; cron?: string } = {}
): Promise<QueueWorker> {
	await installQueue(pool, queue, settings);
	const boss = new PgBoss({
		db: { executeSql: (text, values) => pool.query(text, values) },
		schedule: options.cron !== undefined,
		supervise: true,
		migrate: false
	});
	boss.on('error', (error) => logger.warn({ err: String(error), queue }, 'jobs: error'));
	await boss.start();
	// A scheduled queue: pg-boss queues one job per tick, whichever instance's clock sees it first.
	if (options.cron) await boss.schedule(queue, options.cron, {}, { tz: 'Europe/Amsterdam' });
	await boss.work<Data>(
		queue,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (job) await handle(job.data);
		}
	);
	return { boss, stop: () => boss.stop({ graceful: true, wait: true, close: false }) };
}
