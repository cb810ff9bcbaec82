/**
 * The mail worker (pg-boss, same PostgreSQL): sends the mails that commands queued in their
 * transaction (mail/queue.ts). Runs on every instance, started by runtime.ts.
 *
 * Once, not twice: a job is sent inside a transaction that first locks its pg-boss row (and checks
 * it is still this worker's, 'active'), and marks it completed in the same transaction after the
 * SMTP server accepted the mail. A worker that dies before that commit leaves the job active; pg-boss
 * expires it after `expireInSeconds` and another worker sends it. Expiry waits for the row lock, so
 * a slow send is not taken over while it runs. The only window for a double mail is a crash between
 * the SMTP server's acceptance and the commit, a few milliseconds.
 */
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Db, Tx } from '../db/client';
import { logger } from '../log';
import type { Mail } from './mailer';
import {
	MAIL_QUEUE,
	MAIL_QUEUE_SETTINGS,
	createMailQueue,
	jobExecutor,
	type MailJob,
	type MailQueueSettings
} from './queue';

export interface MailWorkerOptions {
	db: Db;
	pool: pg.Pool;
	/** The mail for a job, read when it is sent; null when there is no one to send it to any more. */
	compose(tx: Tx, job: MailJob): Promise<Mail | null>;
	/** Hands the mail to the SMTP server; throws when it is refused. */
	send(mail: Mail): Promise<void>;
	pollingIntervalSeconds?: number;
	/** How often pg-boss looks for expired jobs (a worker that died). */
	maintenanceIntervalSeconds?: number;
	queue?: MailQueueSettings;
	/** Called with the job's row locked, before the mail is made; tests use it to stop a worker there. */
	beforeDelivery?: (job: MailJob, id: string) => Promise<void> | void;
}

export interface MailWorker {
	boss: PgBoss;
	stop(): Promise<void>;
}

export type MailOutcome = 'sent' | 'already' | 'no_recipient';

/** Sends one job's mail unless it is no longer this worker's to send. */
export async function deliverMailJob(
	options: Pick<MailWorkerOptions, 'db' | 'compose' | 'send' | 'beforeDelivery'>,
	boss: PgBoss,
	job: PgBoss.Job<MailJob>
): Promise<MailOutcome> {
	return options.db.transaction(async (tx) => {
		// pg-boss's own row: waits while another worker sends this job, and is gone from 'active'
		// when pg-boss expired it for a retry (that retry sends it).
		const locked = await tx.execute(
			sql`select 1 from pgboss.job where name = ${MAIL_QUEUE} and id = ${job.id} and state = 'active' for update`
		);
		if (locked.rows.length === 0) return 'already';
		await options.beforeDelivery?.(job.data, job.id);
		const mail = await options.compose(tx, job.data);
		if (mail) await options.send(mail);
		// (name, id, data, options): with three arguments pg-boss reads the options as the job's output.
		await boss.complete(MAIL_QUEUE, job.id, {}, { db: jobExecutor(tx) });
		return mail ? 'sent' : 'no_recipient';
	});
}

/** Starts pg-boss for the mail queue (creating it if needed) and a worker that sends its jobs. */
export async function startMailWorker(options: MailWorkerOptions): Promise<MailWorker> {
	const settings = options.queue ?? MAIL_QUEUE_SETTINGS;
	await createMailQueue(options.pool, settings);
	const boss = new PgBoss({
		db: { executeSql: (text, values) => options.pool.query(text, values) },
		schedule: false,
		supervise: true,
		migrate: false,
		...(options.maintenanceIntervalSeconds && {
			maintenanceIntervalSeconds: options.maintenanceIntervalSeconds
		})
	});
	boss.on('error', (error) => logger.warn({ err: String(error) }, 'mail jobs: error'));
	await boss.start();
	await boss.work<MailJob>(
		MAIL_QUEUE,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
		async ([job]) => {
			if (!job) return;
			try {
				await deliverMailJob(options, boss, job);
			} catch (error) {
				// Thrown on: pg-boss marks the job failed and tries it again later.
				logger.warn({ err: String(error), job: job.id }, 'mail not sent; will retry');
				throw error;
			}
		}
	);
	return { boss, stop: () => boss.stop({ graceful: true, wait: true, close: false }) };
}
