/**
 * Which reminders are due, and sending one exactly once. The claim is a `reminder_sent` row (unique
 * per participant, group and week) inserted in the transaction that sends the message and commits
 * after the SMTP server (or push service) accepted it: a second worker with the same job waits for
 * that row and then skips, a retry after a crash before the commit sends again. The only window for
 * a double message is a crash between the acceptance and the commit, a few milliseconds.
 */
import { and, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { reminderDueAt } from '$lib/domain/reminder';
import { checkInWeekAt, earliestStoredDate, weekOfDate, type WeekSource } from '$lib/domain/week';
import type { Db, Tx } from '../db/client';
import {
	checkIn,
	courseGroup,
	groupMember,
	person,
	reminderPreference,
	reminderSent,
	user
} from '../db/schema';
import { heldSessionsByGroup } from '../goals/weeks';
import { isRealEmail } from '../people/placeholder-email';

export interface DueReminder {
	personId: string;
	groupId: string;
	weekStart: string;
	channel: 'email' | 'push';
}

/**
 * What a channel needs to reach the participant; throws when the message is not accepted. `about`:
 * the weekly check-in (the default) or the group board's "something new" notice (board/notices.ts).
 */
export interface Senders {
	email(to: { address: string; locale: 'nl' | 'en'; personId: string; about?: NoticeAbout }): Promise<void>;
	push(to: { personId: string; locale: 'nl' | 'en'; about?: NoticeAbout }): Promise<void>;
}

/** What a notice is about; neither carries any content. */
export type NoticeAbout = 'check_in' | 'board' | 'plan_review' | 'measure';

/**
 * Reminders due at `now`: switched on, in a running course week, the chosen moment passed, no
 * check-in and no reminder yet for that week. `personId` limits it to one participant.
 */
export async function dueReminders(db: Db, now: Date, personId?: string): Promise<DueReminder[]> {
	const candidates = await db
		.select({
			personId: reminderPreference.personId,
			channel: reminderPreference.channel,
			weekday: reminderPreference.weekday,
			time: reminderPreference.time,
			quietFrom: reminderPreference.quietFrom,
			quietUntil: reminderPreference.quietUntil,
			groupId: courseGroup.id,
			groupWeekday: courseGroup.weekday,
			startTime: courseGroup.startTime,
			startDate: courseGroup.startDate,
			endDate: courseGroup.endDate
		})
		.from(reminderPreference)
		.innerJoin(person, eq(person.id, reminderPreference.personId))
		.innerJoin(groupMember, and(eq(groupMember.personId, person.id), isNull(groupMember.leftAt)))
		.innerJoin(courseGroup, eq(courseGroup.id, groupMember.groupId))
		.where(
			and(
				eq(reminderPreference.enabled, true),
				isNull(person.deactivatedAt),
				personId ? eq(reminderPreference.personId, personId) : undefined
			)
		);
	// The weeks follow each group's calendar: one query for all the candidates' groups.
	const calendars = await heldSessionsByGroup(
		db,
		candidates.map((row) => row.groupId)
	);
	const due: DueReminder[] = [];
	/** Each due reminder's group calendar and week index, by reminder key. */
	const weekOfReminder = new Map<string, { source: WeekSource; index: number }>();
	let earliest: string | null = null;
	for (const row of candidates) {
		const source: WeekSource = {
			weekday: row.groupWeekday,
			startTime: row.startTime,
			startDate: row.startDate,
			endDate: row.endDate,
			heldSessions: calendars.get(row.groupId) ?? null
		};
		const week = checkInWeekAt(source, now);
		if (!week) continue; // before the start or after the end of the course: no reminders
		const at = reminderDueAt(week, row);
		if (at && at <= now) {
			const reminder = {
				personId: row.personId,
				groupId: row.groupId,
				weekStart: week.startDate,
				channel: row.channel
			};
			due.push(reminder);
			weekOfReminder.set(key(reminder), { source, index: week.index });
			const stored = earliestStoredDate(source, week);
			if (earliest === null || stored < earliest) earliest = stored;
		}
	}
	if (due.length === 0 || earliest === null) return due;
	const ids = [...new Set(due.map((reminder) => reminder.personId))];
	const weeks = [...new Set(due.map((reminder) => reminder.weekStart))];
	const [checkIns, sent] = await Promise.all([
		db
			.select({ personId: checkIn.personId, groupId: checkIn.groupId, weekStart: checkIn.weekStart })
			.from(checkIn)
			.where(
				and(sql`${checkIn.personId} = any(${sql.param(ids)}::uuid[])`, gte(checkIn.weekStart, earliest))
			),
		db
			.select({
				personId: reminderSent.personId,
				groupId: reminderSent.groupId,
				weekStart: reminderSent.weekStart
			})
			.from(reminderSent)
			.where(
				and(
					// One array parameter each, however many participants are due: never one per participant.
					sql`${reminderSent.personId} = any(${sql.param(ids)}::uuid[])`,
					sql`${reminderSent.weekStart} = any(${sql.param(weeks)}::date[])`
				)
			)
	]);
	// A check-in stored for any date of the week counts (one kept before its session moved, too).
	const weekOf = new Map(due.map((reminder) => [`${reminder.personId}|${reminder.groupId}`, reminder]));
	const done = checkIns.flatMap((row) => {
		const reminder = weekOf.get(`${row.personId}|${row.groupId}`);
		const week = reminder && weekOfReminder.get(key(reminder));
		const inWeek = week && weekOfDate(week.source, row.weekStart)?.index === week.index;
		return inWeek ? [reminder] : [];
	});
	const skip = new Set([...done, ...sent].map(key));
	return due.filter((reminder) => !skip.has(key(reminder)));
}

function key(row: { personId: string; groupId: string; weekStart: string }): string {
	return `${row.personId}|${row.groupId}|${row.weekStart}`;
}

/**
 * A participant's reminder choice as it is now (switched on, channel, address, language), read in
 * the sending transaction by the notices that follow the reminder settings (board, plan review).
 */
export async function reminderChoiceOf(tx: Tx, personId: string) {
	const [current] = await tx
		.select({
			enabled: reminderPreference.enabled,
			channel: reminderPreference.channel,
			email: user.email,
			locale: person.preferredLocale
		})
		.from(reminderPreference)
		.innerJoin(person, eq(person.id, reminderPreference.personId))
		.leftJoin(user, eq(user.id, person.userId))
		.where(eq(reminderPreference.personId, personId));
	return current ?? null;
}

/**
 * Sends a notice by the channel the participant chose, in their language: 'no_address' (nothing
 * sent) when they chose email and have no real address. Throws when the channel refuses it.
 */
export async function sendByChoice(
	senders: Senders,
	choice: { channel: 'email' | 'push'; email: string | null; locale: string | null },
	personId: string,
	about?: NoticeAbout
): Promise<'sent' | 'no_address'> {
	const locale = choice.locale === 'en' ? 'en' : 'nl';
	const what = about ? { about } : {};
	if (choice.channel === 'push') {
		await senders.push({ personId, locale, ...what });
		return 'sent';
	}
	if (!choice.email || !isRealEmail(choice.email)) return 'no_address';
	await senders.email({ address: choice.email, locale, personId, ...what });
	return 'sent';
}

export type DeliveryOutcome = 'sent' | 'already' | 'checked_in' | 'switched_off' | 'no_address';

/** Sends one reminder unless another worker did, or it is no longer wanted. */
export async function deliverReminder(
	db: Db,
	reminder: DueReminder,
	senders: Senders
): Promise<DeliveryOutcome> {
	try {
		return await db.transaction(async (tx) => {
			const [claimed] = await tx
				.insert(reminderSent)
				.values({ ...reminder, outcome: 'sending' })
				.onConflictDoNothing()
				.returning({ personId: reminderSent.personId });
			if (!claimed) return 'already';
			const settle = async (outcome: DeliveryOutcome) => {
				await tx
					.update(reminderSent)
					.set({ outcome })
					.where(
						and(
							eq(reminderSent.personId, reminder.personId),
							eq(reminderSent.groupId, reminder.groupId),
							eq(reminderSent.weekStart, reminder.weekStart)
						)
					);
				return outcome;
			};
			// Still wanted? The participant may have checked in or switched off since it was planned.
			const [current] = await tx
				.select({
					enabled: reminderPreference.enabled,
					channel: reminderPreference.channel,
					email: user.email,
					locale: person.preferredLocale,
					checkedIn: checkIn.id
				})
				.from(reminderPreference)
				.innerJoin(person, eq(person.id, reminderPreference.personId))
				.leftJoin(user, eq(user.id, person.userId))
				.leftJoin(
					checkIn,
					and(
						eq(checkIn.personId, reminderPreference.personId),
						eq(checkIn.groupId, reminder.groupId),
						// Also one kept under a later date of the week (its session moved since the plan).
						gte(checkIn.weekStart, reminder.weekStart)
					)
				)
				.where(eq(reminderPreference.personId, reminder.personId))
				.limit(1);
			if (!current?.enabled) return settle('switched_off');
			if (current.checkedIn) return settle('checked_in');
			if ((await sendByChoice(senders, current, reminder.personId)) === 'no_address')
				return settle('no_address');
			await tx
				.update(reminderPreference)
				.set({ lastDeliveredAt: new Date() })
				.where(eq(reminderPreference.personId, reminder.personId));
			return settle('sent');
		});
	} catch (error) {
		// Nothing was claimed (rolled back): a retry may send it. The trainer sees the failure.
		await db
			.update(reminderPreference)
			.set({ lastFailedAt: new Date(), lastError: String(error).slice(0, 300) })
			.where(eq(reminderPreference.personId, reminder.personId));
		throw error;
	}
}

/** A table of "sent once" claims: a row per notice, with what came of it. */
type ClaimTable = PgTable & { outcome: AnyPgColumn };

/**
 * Sends a notice once, across workers and instances: the claim row (its key in `values`) is inserted
 * first ('already' when another worker has it), then `decide` says what came of it — switched off,
 * no address, no longer due, or sent by the channel. The claim commits with that outcome after the
 * channel accepted it; a failure rolls it back for a retry.
 */
export async function sendOnce<Outcome extends string>(
	db: Db,
	table: ClaimTable,
	values: object,
	key: SQL | undefined,
	decide: (tx: Tx) => Promise<Outcome>
): Promise<Outcome | 'already'> {
	return db.transaction(async (tx) => {
		const claimed = await tx
			.insert(table)
			.values({ ...values, outcome: 'sending' } as never)
			.onConflictDoNothing()
			.returning();
		if (claimed.length === 0) return 'already';
		const outcome = await decide(tx);
		await tx
			.update(table)
			.set({ outcome } as never)
			.where(key);
		return outcome;
	});
}

/**
 * What a notice that follows the reminder settings does: nothing when they are switched off, or when
 * `whyNot` names a reason it is no longer due; otherwise it is sent by the chosen channel.
 */
export async function sendIfWanted<NotDue extends string = never>(
	tx: Tx,
	senders: Senders,
	personId: string,
	about: NoticeAbout,
	whyNot: () => Promise<NotDue | null> = async () => null
): Promise<'sent' | 'no_address' | 'switched_off' | NotDue> {
	const current = await reminderChoiceOf(tx, personId);
	if (!current?.enabled) return 'switched_off';
	const reason = await whyNot();
	if (reason !== null) return reason;
	return sendByChoice(senders, current, personId, about);
}
