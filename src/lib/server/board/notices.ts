/**
 * "Er is iets nieuws in je groep": at most one notice a day per participant when someone else put
 * something on their group's board since they last looked, without any of its content. It follows
 * the reminder settings: only for who switched reminders on, by the channel they chose (email or
 * push), never in their quiet hours. The reminder planner queues these too (reminders/worker.ts),
 * with a singleton key per person and day; exactly once comes from the `board_notice_sent` claim,
 * inserted in the transaction that sends, as for the weekly reminders (reminders/deliver.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { inQuietHours } from '$lib/domain/reminder';
import { local } from '$lib/domain/schedule';
import type { Db } from '../db/client';
import { boardNoticeSent } from '../db/schema';
import { sendIfWanted, sendOnce, type Senders } from '../reminders/deliver';

export interface DueBoardNotice {
	personId: string;
	/** The Dutch calendar day the notice is for: one a day. */
	day: string;
	channel: 'email' | 'push';
}

/** The pg-boss singleton key of one person's notice on one day. */
export function boardNoticeKey(notice: Pick<DueBoardNotice, 'personId' | 'day'>): string {
	return `board:${notice.personId}:${notice.day}`;
}

/**
 * Notices due at `now`: participants with reminders on, outside their quiet hours, in a group where
 * a post or reply by someone else became visible after their last visit and after their last notice,
 * and who had no notice today. `personId` limits it to one participant.
 */
export async function dueBoardNotices(db: Db, now: Date, personId?: string): Promise<DueBoardNotice[]> {
	const { date: day, time } = local(now);
	const { rows } = await db.execute<{
		person_id: string;
		channel: 'email' | 'push';
		quiet_from: string;
		quiet_until: string;
	}>(sql`
		select rp.person_id, rp.channel, rp.quiet_from::text, rp.quiet_until::text
		from reminder_preference rp
		join person p on p.id = rp.person_id and p.deactivated_at is null
		where rp.enabled
		  ${personId ? sql`and rp.person_id = ${personId}` : sql``}
		  and not exists (select 1 from board_notice_sent s where s.person_id = rp.person_id and s.day = ${day}::date)
		  and exists (
		    select 1
		    from group_member gm
		    join board_post bp on bp.group_id = gm.group_id
		    where gm.person_id = rp.person_id and gm.left_at is null
		      and bp.status = 'visible' and bp.author_person_id <> rp.person_id
		      -- An approved post became visible when it was approved.
		      and coalesce(bp.moderated_at, bp.created_at) > coalesce(
		        (select r.last_visit_at from board_reader r where r.person_id = rp.person_id), '-infinity')
		      and coalesce(bp.moderated_at, bp.created_at) > coalesce(
		        (select max(s.at) from board_notice_sent s where s.person_id = rp.person_id), '-infinity')
		      -- Only what is recent: a board's old history never wakes anyone up.
		      and bp.created_at > ${now}::timestamptz - interval '7 days'
		  )`);
	return rows
		.filter((row) => !inQuietHours(time, row.quiet_from, row.quiet_until))
		.map((row) => ({ personId: row.person_id, day, channel: row.channel }));
}

export type BoardNoticeOutcome = 'sent' | 'already' | 'switched_off' | 'no_address';

/**
 * Sends one notice unless another worker did today, or it is no longer wanted. The claim commits
 * after the mail server or push service accepted the notice; a failure rolls it back for a retry.
 */
export async function deliverBoardNotice(
	db: Db,
	notice: DueBoardNotice,
	senders: Senders
): Promise<BoardNoticeOutcome> {
	return sendOnce(
		db,
		boardNoticeSent,
		notice,
		and(eq(boardNoticeSent.personId, notice.personId), eq(boardNoticeSent.day, notice.day)),
		(tx) => sendIfWanted(tx, senders, notice.personId, 'board')
	);
}
