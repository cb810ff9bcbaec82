/**
 * The sizes of the app's pg-boss queues, for /metrics. Read with one query at most every
 * QUEUE_READ_SECONDS per instance, however often Prometheus scrapes (and however many scrapers there
 * are): a scrape answers from what was read last and never piles queries on the database.
 */
import type pg from 'pg';

/** How old the figures may be before a scrape reads them again. */
export const QUEUE_READ_SECONDS = 15;
/** A scrape waits this long for a fresh read, then answers with what it has. */
const READ_WAIT_MS = 2_000;

export type QueueState = 'queued' | 'deferred' | 'active';
export interface QueueSize {
	queue: string;
	state: QueueState;
	jobs: number;
}

/**
 * Jobs not yet done per queue of pg-boss's schema: due now, planned for later (a reminder's
 * start_after), or being worked. Every queue the app created is listed, also when empty. Counts use
 * the partial index pg-boss keeps on waiting jobs (job_i5); active jobs are a handful.
 */
const SIZES_SQL = `
	select q.name as queue,
		count(j.id) filter (where j.state < 'active' and j.start_after <= now())::int as queued,
		count(j.id) filter (where j.state < 'active' and j.start_after > now())::int as deferred,
		count(j.id) filter (where j.state = 'active')::int as active
	from pgboss.queue q
	left join pgboss.job j on j.name = q.name and j.state <= 'active'
	group by q.name
	order by q.name`;

interface SizeRow {
	queue: string;
	queued: number;
	deferred: number;
	active: number;
}

/** Reads every queue's size now (one query). */
export async function readQueueSizes(pool: pg.Pool): Promise<QueueSize[]> {
	const { rows } = await pool.query<SizeRow>(SIZES_SQL);
	return rows.flatMap((row) =>
		(['queued', 'deferred', 'active'] as const).map((state) => ({
			queue: row.queue,
			state,
			jobs: row[state]
		}))
	);
}

/** The last figures read, when they were read, and at most one read under way. */
export class QueueSizeCache {
	private sizes: QueueSize[] = [];
	private readAt = -Infinity;
	private triedAt = -Infinity;
	private reading: Promise<void> | undefined;

	constructor(
		private readonly read: (pool: pg.Pool) => Promise<QueueSize[]>,
		private readonly maxAgeMs = QUEUE_READ_SECONDS * 1000,
		private readonly now: () => number = () => performance.now()
	) {}

	/**
	 * The figures, read again first when they are older than the limit (waiting at most 2 s for it).
	 * A read that failed is not tried again before the limit has passed either.
	 */
	async current(pool: pg.Pool): Promise<{ sizes: QueueSize[]; ageSeconds: number }> {
		if (!this.reading && this.now() - this.triedAt >= this.maxAgeMs) {
			this.triedAt = this.now();
			this.reading = this.refresh(pool);
		}
		if (this.reading) {
			let timer: NodeJS.Timeout | undefined;
			const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, READ_WAIT_MS)));
			await Promise.race([this.reading, waited]);
			clearTimeout(timer);
		}
		return { sizes: this.sizes, ageSeconds: Math.max(0, (this.now() - this.readAt) / 1000) };
	}

	private async refresh(pool: pg.Pool): Promise<void> {
		try {
			this.sizes = await this.read(pool);
			this.readAt = this.now();
		} catch {
			// The database is away: keep the last figures; their age (and /readyz) tells the operator.
		} finally {
			this.reading = undefined;
		}
	}
}
