/**
 * "Er staat een vragenlijst voor je klaar": one content-free reminder per participant, group and
 * measure moment, when the moment is open and their own version is not sent yet. It follows the
 * reminder settings (switched on, the chosen channel, never in quiet hours); the reminder planner
 * queues it (reminders/worker.ts) with a singleton key, and the `measure_reminder_sent` claim,
 * inserted in the transaction that sends, makes it once.
 */
import { and, eq, sql } from 'drizzle-orm';
import { LAST_OPEN_DAYS, OPENS_DAYS_BEFORE } from '$lib/domain/measures/schedule';
import { inQuietHours } from '$lib/domain/reminder';
import { local } from '$lib/domain/schedule';
import type { Db, Tx } from '../db/client';
import { measureReminderSent } from '../db/schema';
import { sendIfWanted, sendOnce, type Senders } from '../reminders/deliver';

export interface DueMeasureReminder {
	personId: string;
	groupId: string;
	moment: number;
	channel: 'email' | 'push';
}

/** The pg-boss singleton key of one person's reminder for one moment of one group. */
export function measureReminderKey(due: Pick<DueMeasureReminder, 'personId' | 'groupId' | 'moment'>): string {
	return `measure:${due.personId}:${due.groupId}:${due.moment}`;
}

/**
 * The moment of each group open on `day`, as SQL (the same rule as $lib/domain/measures/schedule:
 * from a week before its date until a week before the next one, the last for 13 weeks).
 */
function openMoments(day: string) {
	return sql`(
		select id as group_id, moment from (
		  select g.id, mo as moment, (g.start_date + make_interval(months => mo))::date as day,
		    lead((g.start_date + make_interval(months => mo))::date) over (partition by g.id order by mo) as next_day
		  from course_group g
		  left join group_measure_plan mp on mp.group_id = g.id
		  cross join unnest(coalesce(mp.moments, '{0,6,12}'::smallint[])) as mo
		) dated
		where dated.day - ${OPENS_DAYS_BEFORE}::int <= ${day}::date
		  and ${day}::date <= coalesce(dated.next_day - ${OPENS_DAYS_BEFORE + 1}::int, dated.day + ${LAST_OPEN_DAYS}::int))`;
}

/** Whether the participant's own version of this moment is still to send (inside a transaction). */
async function stillOpen(db: Db | Tx, due: DueMeasureReminder, day: string): Promise<boolean> {
	const { rows } = await db.execute<{ open: boolean }>(sql`
		select exists (select 1 from ${openMoments(day)} o where o.group_id = ${due.groupId} and o.moment = ${due.moment})
		  and not exists (select 1 from questionnaire_response r where r.subject_id = ${due.personId}
		    and r.group_id = ${due.groupId} and r.moment = ${due.moment} and r.purpose = 'imr_participant'
		    and r.status = 'completed') as open`);
	return rows[0]?.open === true;
}

/** Measure reminders due at `now` (reminders on, outside quiet hours, not sent yet); `personId` limits it to one. */
export async function dueMeasureReminders(
	db: Db,
	now: Date,
	personId?: string
): Promise<DueMeasureReminder[]> {
	const { date: day, time } = local(now);
	const { rows } = await db.execute<{
		person_id: string;
		group_id: string;
		moment: number;
		channel: 'email' | 'push';
		quiet_from: string;
		quiet_until: string;
	}>(sql`
		select rp.person_id, gm.group_id, o.moment, rp.channel, rp.quiet_from::text, rp.quiet_until::text
		from reminder_preference rp
		join person pe on pe.id = rp.person_id and pe.deactivated_at is null
		join group_member gm on gm.person_id = rp.person_id and gm.left_at is null
		join ${openMoments(day)} o on o.group_id = gm.group_id
		where rp.enabled
		  ${personId ? sql`and rp.person_id = ${personId}` : sql``}
		  and not exists (select 1 from questionnaire_response r where r.subject_id = rp.person_id
		    and r.group_id = gm.group_id and r.moment = o.moment and r.purpose = 'imr_participant'
		    and r.status = 'completed')
		  and not exists (select 1 from measure_reminder_sent s where s.person_id = rp.person_id
		    and s.group_id = gm.group_id and s.moment = o.moment)`);
	return rows
		.filter((row) => !inQuietHours(time, row.quiet_from, row.quiet_until))
		.map((row) => ({
			personId: row.person_id,
			groupId: row.group_id,
			moment: Number(row.moment),
			channel: row.channel
		}));
}

export type MeasureReminderOutcome = 'sent' | 'already' | 'switched_off' | 'no_address' | 'done';

/**
 * Sends one measure reminder unless another worker did, or it is no longer wanted (switched off, or
 * the questionnaire was sent meanwhile). The claim commits after the channel accepted it.
 */
export async function deliverMeasureReminder(
	db: Db,
	due: DueMeasureReminder,
	senders: Senders,
	now = new Date()
): Promise<MeasureReminderOutcome> {
	return sendOnce(
		db,
		measureReminderSent,
		due,
		and(
			eq(measureReminderSent.personId, due.personId),
			eq(measureReminderSent.groupId, due.groupId),
			eq(measureReminderSent.moment, due.moment)
		),
		(tx) =>
			sendIfWanted(tx, senders, due.personId, 'measure', async () =>
				(await stillOpen(tx, due, local(now).date)) ? null : 'done'
			)
	);
}
