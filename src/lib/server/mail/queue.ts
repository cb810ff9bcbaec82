/**
 * Mails as pg-boss jobs (issue 16): a command that causes a mail inserts its job IN ITS OWN
 * TRANSACTION (`queueMails(tx, …)`), so the mail goes out if and only if the write commits, also
 * when the process dies right after the commit; the mail worker (mail/worker.ts) sends it once.
 * A job carries ids only — which mail, for whom — never an address or anything the person wrote;
 * the worker reads the address when it sends.
 *
 * Reminders have their own queues (reminders/worker.ts). Sign-in links and invitations are sent
 * while the person waits on the screen (auth/email-links.ts): a failure shows there at once, and
 * their one-time token would otherwise sit readable in the job table.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Db, Tx } from '../db/client';

export const MAIL_QUEUE = 'mail-send';

/** One mail to one person. */
export type MailJob = {
	/** "You have a new message" for a message in a participant's thread. */
	kind: 'message';
	messageId: string;
	recipientPersonId: string;
};

/** The queue's retry and expiry settings; tests shorten them. */
export interface MailQueueSettings {
	retryLimit: number;
	retryDelay: number;
	retryBackoff: boolean;
	/** An active job whose worker died is tried again after this many seconds. */
	expireInSeconds: number;
}

export const MAIL_QUEUE_SETTINGS: MailQueueSettings = {
	retryLimit: 8,
	retryDelay: 30,
	retryBackoff: true,
	expireInSeconds: 300
};

/** The job id (a UUID) of one mail: the same mail can never be queued twice. */
export function mailJobId(job: MailJob): string {
	const hex = createHash('sha256')
		.update(`${job.kind}|${job.messageId}|${job.recipientPersonId}`)
		.digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * pg-boss's `db` option on top of a Drizzle handle: its SQL with $1…$n runs as one parameterised
 * statement on that handle, so inside a transaction it is part of the transaction.
 */
export function jobExecutor(handle: Db | Tx): PgBoss.Db {
	return {
		executeSql: async (text, values) => {
			const parts = text.split(/\$(\d+)\b/);
			const query = sql.empty();
			parts.forEach((part, index) =>
				query.append(index % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`)
			);
			const result = await handle.execute(query);
			return { rows: result.rows };
		}
	};
}

/** Only used to build pg-boss's SQL: every call passes the transaction as its `db`. */
let sender: PgBoss | undefined;
function jobSender(): PgBoss {
	sender ??= new PgBoss({
		db: { executeSql: () => Promise.reject(new Error('mail jobs are queued inside a transaction')) }
	});
	return sender;
}

/** Queues mails in the transaction of the write that causes them; nothing is queued if it rolls back. */
export async function queueMails(tx: Tx, jobs: MailJob[]): Promise<void> {
	const boss = jobSender();
	for (const job of jobs) {
		const id = await boss.send(MAIL_QUEUE, job, { id: mailJobId(job), db: jobExecutor(tx) });
		// pg-boss skips a job for a queue that does not exist: say so rather than lose the mail.
		if (id === null) throw new Error(`mail job not queued (does the queue ${MAIL_QUEUE} exist?)`);
	}
}

/**
 * Installs pg-boss's tables (its own migrations) and the mail queue, if not there yet. Part of
 * bringing the database up: after it, a write can queue a mail even before any worker runs.
 */
export async function createMailQueue(pool: pg.Pool, settings = MAIL_QUEUE_SETTINGS): Promise<void> {
	const boss = new PgBoss({
		db: { executeSql: (text, values) => pool.query(text, values) },
		supervise: false,
		schedule: false,
		migrate: true
	});
	boss.on('error', () => undefined);
	await boss.start();
	try {
		await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, ...settings });
	} finally {
		await boss.stop({ graceful: false, close: false, wait: true });
	}
}
