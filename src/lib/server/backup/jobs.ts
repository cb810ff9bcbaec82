/**
 * The background work a backup keeps of pg-boss: the jobs still to run (a notification mail, an
 * own-data or FHIR export someone is waiting for — their rows say "being made", and the person cannot
 * ask again until the job ends) and the queues they belong to. Not pg-boss's tables themselves: its
 * schedules are made again by the app at every start, finished jobs are history, and its internal
 * layout (since v10 a job table partitioned per queue) belongs to pg-boss; a restore puts the jobs back
 * through pg-boss's own API (createQueue, insert), with their ids.
 */
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import { withQueueAdmin } from '../jobs';

export interface PendingWork {
	queues: { name: string; options: PgBoss.Queue }[];
	jobs: PgBoss.JobInsert[];
}

/** The jobs waiting or running at the snapshot (an empty list when pg-boss was never installed). */
export async function readPendingWork(client: pg.PoolClient): Promise<PendingWork> {
	const installed = await client.query<{ found: boolean }>(
		`select to_regclass('pgboss.job') is not null and to_regclass('pgboss.queue') is not null as found`
	);
	if (!installed.rows[0]?.found) return { queues: [], jobs: [] };
	const queues = await client.query<{ name: string; options: PgBoss.Queue }>(
		`select name, json_build_object('name', name, 'policy', policy, 'retryLimit', retry_limit,
		          'retryDelay', retry_delay, 'retryBackoff', retry_backoff, 'expireInSeconds', expire_seconds,
		          'retentionMinutes', retention_minutes, 'deadLetter', dead_letter) as options
		   from pgboss.queue order by dead_letter is not null, name`
	);
	// A job that was running is put back to run again: its work was not confirmed done.
	const jobs = await client.query<PgBoss.JobInsert>(
		`select id, name, data, priority, retry_limit as "retryLimit", retry_delay as "retryDelay",
		        retry_backoff as "retryBackoff", start_after as "startAfter", singleton_key as "singletonKey",
		        extract(epoch from expire_in)::int as "expireInSeconds", keep_until as "keepUntil",
		        dead_letter as "deadLetter"
		   from pgboss.job where state in ('created', 'retry', 'active') order by created_on`
	);
	const used = new Set(jobs.rows.map((job) => job.name));
	const kept = queues.rows.filter((queue) => used.has(queue.name) || queue.options.deadLetter);
	return {
		queues: kept.map((queue) => ({ name: queue.name, options: stripNulls(queue.options) })),
		jobs: jobs.rows
	};
}

/** Installs pg-boss (as the app would at start) and queues the backup's pending jobs again. */
export async function restorePendingWork(pool: pg.Pool, work: PendingWork): Promise<void> {
	if (work.jobs.length === 0) return;
	await withQueueAdmin(pool, async (boss) => {
		for (const queue of work.queues) await boss.createQueue(queue.name, queue.options);
		await boss.insert(work.jobs.map(stripNulls));
	});
}

/** Jobs per queue, for the manifest. */
export function countJobs(work: PendingWork): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const job of work.jobs) counts[job.name] = (counts[job.name] ?? 0) + 1;
	return counts;
}

/** pg-boss reads a null option as given; left out, it takes the queue's or its own default. */
function stripNulls<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)) as T;
}
