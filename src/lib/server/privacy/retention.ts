/**
 * Retention: how long each kind of data is kept, per organisation, applied by a daily job (and tried
 * first as a dry run that only counts). What is not needed is not kept: a check-in, a message, a
 * closed help request, a live answer or a board post older than its period is deleted. The access
 * log is kept at least 5 years (NEN 7513): the setting cannot go lower (checked here and by the
 * database). Its older rows are removed without rewriting the hash chain: each leaves its place, link
 * and hash behind (audit_event_removed, migration 0040), so audit:verify still walks the whole chain.
 * After a participant's course has ended, their
 * account is turned off (deactivated: data kept) once the "after the course" period has passed.
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Actor } from '$lib/domain/policy';
import { requireCoordinator } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import {
	auditEvent,
	boardPost,
	checkIn,
	courseGroup,
	groupMember,
	helpRequest,
	liveAnswer,
	message,
	organisation,
	person,
	retentionRun,
	retentionSetting
} from '../db/schema';
import { Invalid } from '../errors';
import { startQueueWorker, type QueueWorker } from '../jobs';
import { logger } from '../log';
import { dropExpiredExports } from './export';

export const retentionKinds = [
	'check_ins',
	'messages',
	'help_requests',
	'live_answers',
	'board_posts',
	'access_log',
	'after_course'
] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/** Months kept when the organisation set nothing. */
export const DEFAULT_MONTHS: Record<RetentionKind, number> = {
	check_ins: 36,
	messages: 36,
	help_requests: 36,
	live_answers: 12,
	board_posts: 24,
	access_log: 60,
	after_course: 6
};

/** The lowest period per kind: the access log's 5 years are the law's, the rest at least a month. */
export const MINIMUM_MONTHS: Record<RetentionKind, number> = {
	check_ins: 1,
	messages: 1,
	help_requests: 1,
	live_answers: 1,
	board_posts: 1,
	access_log: 60,
	after_course: 1
};

export const MAXIMUM_MONTHS = 600;

export type RetentionSettings = Record<RetentionKind, number>;

async function settingsOf(db: Db, organisationId: string): Promise<RetentionSettings> {
	const rows = await db
		.select({ kind: retentionSetting.kind, months: retentionSetting.months })
		.from(retentionSetting)
		.where(eq(retentionSetting.organisationId, organisationId));
	const settings = { ...DEFAULT_MONTHS };
	for (const row of rows) settings[row.kind] = row.months;
	return settings;
}

/** The coordinator's page: the periods, and the last runs (real and dry). */
export async function retentionOverview(db: Db, actor: Actor) {
	const organisationId = requireCoordinator(actor);
	const runs = await db
		.select({ dryRun: retentionRun.dryRun, report: retentionRun.report, at: retentionRun.at })
		.from(retentionRun)
		.where(eq(retentionRun.organisationId, organisationId))
		.orderBy(desc(retentionRun.at))
		.limit(5);
	return { settings: await settingsOf(db, organisationId), runs };
}

/** Saves the periods (each between its minimum and 50 years; the access log never below 5 years). */
export async function saveRetention(db: Db, actor: Actor, settings: RetentionSettings): Promise<void> {
	const organisationId = requireCoordinator(actor);
	for (const kind of retentionKinds) {
		const months = settings[kind];
		if (!Number.isInteger(months) || months < MINIMUM_MONTHS[kind] || months > MAXIMUM_MONTHS)
			throw new Invalid(kind, kind === 'access_log' ? 'retention_access_log_floor' : 'retention_months');
	}
	await db.transaction(async (tx) => {
		await record(tx, {
			eventType: 'retention.settings_update',
			action: 'U',
			actor,
			organisationId,
			object: { type: 'retention_setting', id: organisationId }
		});
		for (const kind of retentionKinds)
			await tx
				.insert(retentionSetting)
				.values({ organisationId, kind, months: settings[kind] })
				.onConflictDoUpdate({
					target: [retentionSetting.organisationId, retentionSetting.kind],
					set: { months: settings[kind], updatedAt: new Date() }
				});
	});
}

const monthsBefore = (now: Date, months: number) =>
	sql`(${now.toISOString()}::timestamptz - make_interval(months => ${months}))`;
const ofOrganisation = (column: SQL | unknown, organisationId: string) =>
	sql`${column} in (select ${person.id} from ${person} where ${person.organisationId} = ${organisationId})`;

/** Each kind's rows past their period: the condition, on its table. */
function targets(organisationId: string, settings: RetentionSettings, now: Date) {
	return {
		check_ins: {
			table: checkIn,
			person: checkIn.personId,
			where: and(
				ofOrganisation(checkIn.personId, organisationId),
				sql`${checkIn.createdAt} < ${monthsBefore(now, settings.check_ins)}`
			)!
		},
		messages: {
			table: message,
			person: message.personId,
			where: and(
				ofOrganisation(message.personId, organisationId),
				sql`${message.createdAt} < ${monthsBefore(now, settings.messages)}`
			)!
		},
		help_requests: {
			table: helpRequest,
			person: helpRequest.personId,
			where: and(
				ofOrganisation(helpRequest.personId, organisationId),
				sql`${helpRequest.closedAt} < ${monthsBefore(now, settings.help_requests)}`
			)!
		},
		live_answers: {
			table: liveAnswer,
			person: liveAnswer.personId,
			where: and(
				ofOrganisation(liveAnswer.personId, organisationId),
				sql`${liveAnswer.createdAt} < ${monthsBefore(now, settings.live_answers)}`
			)!
		},
		board_posts: {
			table: boardPost,
			person: boardPost.authorPersonId,
			where: and(
				sql`${boardPost.groupId} in (select ${courseGroup.id} from ${courseGroup} where ${courseGroup.organisationId} = ${organisationId})`,
				sql`${boardPost.createdAt} < ${monthsBefore(now, settings.board_posts)}`
			)!
		}
	};
}

/** Participants whose every group ended more than the "after the course" period ago, still active. */
function courseOver(organisationId: string, months: number, now: Date) {
	return and(
		eq(person.organisationId, organisationId),
		eq(person.role, 'participant'),
		sql`${person.deactivatedAt} is null`,
		sql`exists (select 1 from ${groupMember} where ${groupMember.personId} = ${person.id})`,
		// Every membership ended (left, or the group's course ended, whichever came first) before the cutoff.
		sql`not exists (select 1 from ${groupMember} join ${courseGroup} on ${courseGroup.id} = ${groupMember.groupId}
			where ${groupMember.personId} = ${person.id}
			and coalesce(least(${groupMember.leftAt}::date, ${courseGroup.endDate}), 'infinity'::date)
				>= (${monthsBefore(now, months)})::date)`
	)!;
}

/**
 * Applies the organisation's periods (or, as a dry run, counts what it would remove) and keeps the
 * report. Returns the counts per kind.
 */
export async function applyRetention(
	db: Db,
	organisationId: string,
	options: { dryRun: boolean; now?: Date; actor?: Actor }
): Promise<Record<string, number>> {
	const now = options.now ?? new Date();
	const settings = await settingsOf(db, organisationId);
	const report: Record<string, number> = {};
	const touched: { kind: string; people: string[] }[] = [];
	return db.transaction(async (tx) => {
		for (const [kind, target] of Object.entries(targets(organisationId, settings, now))) {
			if (options.dryRun) {
				const [row] = await tx
					.select({ n: sql<number>`count(*)::int` })
					.from(target.table)
					.where(target.where);
				report[kind] = row?.n ?? 0;
			} else {
				const removed: { personId: string }[] = await tx
					.delete(target.table)
					.where(target.where)
					.returning({ personId: target.person });
				report[kind] = removed.length;
				touched.push({ kind, people: [...new Set(removed.map((row) => row.personId))] });
			}
		}
		// Past the organisation's period, and past the database's own 5 years (its delete trigger refuses
		// younger rows, and its clock is the one it checks).
		const oldLogRows = and(
			eq(auditEvent.organisationId, organisationId),
			sql`${auditEvent.recordedAt} < ${monthsBefore(now, settings.access_log)}`,
			sql`${auditEvent.recordedAt} < now() - interval '5 years'`
		);
		if (options.dryRun) {
			const [old] = await tx
				.select({ n: sql<number>`count(*)::int` })
				.from(auditEvent)
				.where(oldLogRows);
			report.access_log = old?.n ?? 0;
		} else {
			// The rows name no one the report needs: no list of them is kept in memory.
			const removed = await tx.delete(auditEvent).where(oldLogRows);
			report.access_log = removed.rowCount ?? 0;
		}
		if (options.dryRun) {
			const [over] = await tx
				.select({ n: sql<number>`count(*)::int` })
				.from(person)
				.where(courseOver(organisationId, settings.after_course, now));
			report.after_course = over?.n ?? 0;
		} else {
			const turnedOff = await tx
				.update(person)
				.set({ deactivatedAt: now })
				.where(courseOver(organisationId, settings.after_course, now))
				.returning({ id: person.id });
			report.after_course = turnedOff.length;
			touched.push({ kind: 'after_course', people: turnedOff.map((row) => row.id) });
		}
		const [run] = await tx
			.insert(retentionRun)
			.values({ organisationId, dryRun: options.dryRun, report, at: now })
			.returning({ id: retentionRun.id });
		// The run itself (the coordinator's dry run, or the job: no person), and per kind whose data it
		// removed or whose account it turned off: one row naming them all (one array parameter).
		await record(
			tx,
			{
				eventType: 'retention.run',
				action: options.dryRun ? 'R' : 'D',
				actor: options.actor ?? null,
				organisationId,
				object: { type: 'retention_run', id: run!.id }
			},
			...touched
				.filter((one) => one.people.length > 0)
				.map((one) => ({
					eventType: 'retention.run' as const,
					action: one.kind === 'after_course' ? ('U' as const) : ('D' as const),
					actor: options.actor ?? null,
					organisationId,
					participantIds: one.people,
					object: { type: 'retention', id: one.kind }
				}))
		);
		return report;
	});
}

/** The coordinator's dry run: what the next daily run would remove. */
export async function dryRunRetention(db: Db, actor: Actor): Promise<Record<string, number>> {
	const organisationId = requireCoordinator(actor);
	return applyRetention(db, organisationId, { dryRun: true, actor });
}

/**
 * Access-log rows that belong to no organisation (sign-in attempts with an address nobody has, and the
 * platform administrator's own sign-ins and settings): no organisation's period applies to them, so they
 * are kept the law's 5 years and then removed, as the organisations' rows are (the chain keeps their
 * places). Returns how many were removed.
 */
export async function removeUnattachedLogRows(db: Db): Promise<number> {
	const removed = await db
		.delete(auditEvent)
		.where(
			and(isNull(auditEvent.organisationId), sql`${auditEvent.recordedAt} < now() - interval '5 years'`)
		);
	return removed.rowCount ?? 0;
}

export const RETENTION_QUEUE = 'privacy-retention';

/**
 * The daily job on every instance (pg-boss runs each scheduled job once): every organisation in turn,
 * then the access-log rows of no organisation.
 */
export function startRetentionWorker(db: Db, pool: pg.Pool): Promise<QueueWorker> {
	return startQueueWorker(
		pool,
		RETENTION_QUEUE,
		{ retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 },
		async () => {
			await dropExpiredExports(db);
			const organisations = await db.select({ id: organisation.id }).from(organisation);
			for (const one of organisations) {
				const report = await applyRetention(db, one.id, { dryRun: false });
				logger.info({ organisationId: one.id, report }, 'retention applied');
			}
			const unattached = await removeUnattachedLogRows(db);
			if (unattached > 0) logger.info({ removed: unattached }, 'access-log rows of no organisation removed');
		},
		{ cron: '30 3 * * *' }
	);
}
