/**
 * The reminder jobs on pg-boss (same PostgreSQL): every minute a planner queues the reminders that
 * are due, each with an id made from participant + group + week, so the same reminder is never
 * queued twice while its job exists; workers on every instance send them in batches. Exactly once
 * comes from the claim in deliver.ts, also after a crash in the middle of a batch or with several
 * instances.
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Db } from '../db/client';
import { boardNoticeKey, deliverBoardNotice, dueBoardNotices, type DueBoardNotice } from '../board/notices';
import { logger } from '../log';
import {
	deliverPlanReview,
	duePlanReviews,
	planReviewKey,
	type DuePlanReview
} from '../workbook/plan/review';
import {
	deliverMeasureReminder,
	dueMeasureReminders,
	measureReminderKey,
	type DueMeasureReminder
} from '../measures/reminders';
import { deliverReminder, dueReminders, type DueReminder, type Senders } from './deliver';

export const PLAN_QUEUE = 'reminder-plan';
export const SEND_QUEUE = 'reminder-send';
/** The group board's "something new" notices: at most one queued per person and day (singleton key). */
export const BOARD_QUEUE = 'board-notice-send';
/** The relapse-prevention plans' review reminders: one job per person and review date. */
export const PLAN_REVIEW_QUEUE = 'plan-review-send';
/** "A questionnaire is waiting": one job per person, group and measure moment. */
export const MEASURE_QUEUE = 'measure-reminder-send';

/** A stable job id (a UUID) for one participant's reminder in one group week. */
export function reminderJobId(reminder: Pick<DueReminder, 'personId' | 'groupId' | 'weekStart'>): string {
	const hex = createHash('sha256')
		.update(`${reminder.personId}|${reminder.groupId}|${reminder.weekStart}`)
		.digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface ReminderWorkerOptions {
	db: Db;
	pool: pg.Pool;
	senders: Senders;
	/** How many reminders one worker sends at the same time. */
	concurrency?: number;
	batchSize?: number;
	pollingIntervalSeconds?: number;
	/** Run the planner every minute (cron). Off in tests that plan by hand. */
	schedule?: boolean;
	/** Seconds before a failed reminder is tried again (doubling each time). */
	retryDelaySeconds?: number;
	/** Called before each delivery; tests make it throw to stop a worker in the middle of a batch. */
	beforeDelivery?: (reminder: DueReminder) => void;
}

export interface ReminderWorker {
	boss: PgBoss;
	/** Plans now: queues every due reminder (or one participant's). Returns how many were queued. */
	plan(now?: Date, personId?: string): Promise<number>;
	/** Plans the group board's notices now (or one participant's). Returns how many were due. */
	planBoard(now?: Date, personId?: string): Promise<number>;
	/** Plans the relapse-prevention plans' review reminders now (or one participant's). Returns how many were due. */
	planReviews(now?: Date, personId?: string): Promise<number>;
	/** Plans the measure reminders now (or one participant's). Returns how many were due. */
	planMeasures(now?: Date, personId?: string): Promise<number>;
	stop(options?: { graceful?: boolean }): Promise<void>;
}

export async function startReminderWorker(options: ReminderWorkerOptions): Promise<ReminderWorker> {
	const boss = new PgBoss({
		db: { executeSql: (text, values) => options.pool.query(text, values) },
		schedule: options.schedule ?? true,
		supervise: true,
		migrate: true
	});
	boss.on('error', (error) => logger.warn({ err: String(error) }, 'reminder jobs: error'));
	await boss.start();
	await boss.createQueue(PLAN_QUEUE, { name: PLAN_QUEUE, policy: 'singleton' });
	const retryDelay = options.retryDelaySeconds ?? 30;
	await boss.createQueue(SEND_QUEUE, {
		name: SEND_QUEUE,
		retryLimit: 5,
		retryDelay,
		retryBackoff: true,
		expireInSeconds: 300
	});
	// Each notice is its own job: a failure retries that one only; the claim makes it once a day.
	await boss.createQueue(BOARD_QUEUE, {
		name: BOARD_QUEUE,
		policy: 'short',
		retryLimit: 5,
		retryDelay,
		retryBackoff: true,
		expireInSeconds: 300
	});
	for (const queue of [PLAN_REVIEW_QUEUE, MEASURE_QUEUE])
		await boss.createQueue(queue, {
			name: queue,
			policy: 'short',
			retryLimit: 5,
			retryDelay,
			retryBackoff: true,
			expireInSeconds: 300
		});

	/** Queues one job per due notice, each with its singleton key (a job that exists is not queued again). */
	const queueNotices = async <Due extends object>(
		queue: string,
		due: Due[],
		keyOf: (item: Due) => string
	) => {
		for (let start = 0; start < due.length; start += 1000) {
			await boss.insert(
				due.slice(start, start + 1000).map((item) => ({
					name: queue,
					data: item,
					singletonKey: keyOf(item),
					retryLimit: 5,
					retryDelay,
					retryBackoff: true,
					expireInSeconds: 300
				}))
			);
		}
		return due.length;
	};

	const plan = async (now = new Date(), personId?: string): Promise<number> => {
		const due = await dueReminders(options.db, now, personId);
		for (let start = 0; start < due.length; start += 1000) {
			await boss.insert(
				due.slice(start, start + 1000).map((reminder) => ({
					name: SEND_QUEUE,
					id: reminderJobId(reminder),
					data: reminder,
					retryLimit: 5,
					retryDelay,
					retryBackoff: true,
					expireInSeconds: 300
				}))
			);
		}
		return due.length;
	};

	const planBoard = async (now = new Date(), personId?: string): Promise<number> =>
		queueNotices(BOARD_QUEUE, await dueBoardNotices(options.db, now, personId), boardNoticeKey);

	const planReviews = async (now = new Date(), personId?: string): Promise<number> =>
		queueNotices(PLAN_REVIEW_QUEUE, await duePlanReviews(options.db, now, personId), planReviewKey);
	const planMeasures = async (now = new Date(), personId?: string): Promise<number> =>
		queueNotices(MEASURE_QUEUE, await dueMeasureReminders(options.db, now, personId), measureReminderKey);

	await boss.work(PLAN_QUEUE, async () => {
		const queued = await plan();
		if (queued > 0) logger.info({ queued }, 'reminders queued');
		const notices = await planBoard();
		if (notices > 0) logger.info({ notices }, 'board notices queued');
		const reviews = await planReviews();
		if (reviews > 0) logger.info({ reviews }, 'plan review reminders queued');
		const measures = await planMeasures();
		if (measures > 0) logger.info({ measures }, 'measure reminders queued');
	});
	if (options.schedule ?? true) await boss.schedule(PLAN_QUEUE, '* * * * *', {}, { tz: 'Europe/Amsterdam' });

	const concurrency = options.concurrency ?? 8;
	await boss.work<DueReminder>(
		SEND_QUEUE,
		{ batchSize: options.batchSize ?? 50, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async (jobs) => {
			const failed: string[] = [];
			let next = 0;
			const lane = async () => {
				while (next < jobs.length) {
					const job = jobs[next++]!;
					options.beforeDelivery?.(job.data);
					try {
						await deliverReminder(options.db, job.data, options.senders);
					} catch (error) {
						logger.warn({ err: String(error) }, 'reminder not delivered; will retry');
						failed.push(job.id);
					}
				}
			};
			await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
			// The others are completed when this handler returns; these go back for a retry.
			if (failed.length > 0) await boss.fail(SEND_QUEUE, failed);
		}
	);

	await boss.work<DueBoardNotice>(
		BOARD_QUEUE,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (job) await deliverBoardNotice(options.db, job.data, options.senders);
		}
	);

	await boss.work<DuePlanReview>(
		PLAN_REVIEW_QUEUE,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (job) await deliverPlanReview(options.db, job.data, options.senders);
		}
	);

	await boss.work<DueMeasureReminder>(
		MEASURE_QUEUE,
		{ batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
		async ([job]) => {
			if (job) await deliverMeasureReminder(options.db, job.data, options.senders);
		}
	);

	return {
		boss,
		plan,
		planBoard,
		planReviews,
		planMeasures,
		stop: (stopOptions) => boss.stop({ graceful: stopOptions?.graceful ?? true, wait: true, close: false })
	};
}
