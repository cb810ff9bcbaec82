/**
 * "Tijd om je signaleringsplan na te lopen": one reminder when the review date the participant chose
 * (months after the plan last changed) has come, without any of the plan's content. It follows the
 * reminder settings (switched on, the chosen channel, never in quiet hours); the reminder planner
 * queues it (reminders/worker.ts) with a singleton key per person and due date, and the
 * `plan_review_sent` claim, inserted in the transaction that sends, makes it once.
 */
import { and, eq, sql } from 'drizzle-orm';
import { inQuietHours } from '$lib/domain/reminder';
import { local } from '$lib/domain/schedule';
import type { Db } from '../../db/client';
import { planReviewSent, relapsePlan, relapsePlanVersion } from '../../db/schema';
import { sendIfWanted, sendOnce, type Senders } from '../../reminders/deliver';

export interface DuePlanReview {
	personId: string;
	/** The review date it is for: a new change of the plan moves it, and then a new one is due. */
	dueDay: string;
	channel: 'email' | 'push';
}

/** The pg-boss singleton key of one person's review reminder for one due date. */
export function planReviewKey(review: Pick<DuePlanReview, 'personId' | 'dueDay'>): string {
	return `plan-review:${review.personId}:${review.dueDay}`;
}

/**
 * Review reminders due at `now`: reminders on, outside quiet hours, a plan whose newest version is
 * `review_months` old or older, and no reminder yet for that date. `personId` limits it to one.
 */
export async function duePlanReviews(db: Db, now: Date, personId?: string): Promise<DuePlanReview[]> {
	const { date: day, time } = local(now);
	const { rows } = await db.execute<{
		person_id: string;
		channel: 'email' | 'push';
		quiet_from: string;
		quiet_until: string;
		due_day: string;
	}>(sql`
		select rp.person_id, rp.channel, rp.quiet_from::text, rp.quiet_until::text, due.day::text as due_day
		from reminder_preference rp
		join person pe on pe.id = rp.person_id and pe.deactivated_at is null
		join relapse_plan p on p.person_id = rp.person_id
		cross join lateral (
		  select (v.day + make_interval(months => p.review_months))::date as day
		  from relapse_plan_version v where v.person_id = rp.person_id
		  order by v.day desc limit 1
		) due
		where rp.enabled
		  ${personId ? sql`and rp.person_id = ${personId}` : sql``}
		  and due.day <= ${day}::date
		  and not exists (
		    select 1 from plan_review_sent s where s.person_id = rp.person_id and s.due_day = due.day)`);
	return rows
		.filter((row) => !inQuietHours(time, row.quiet_from, row.quiet_until))
		.map((row) => ({ personId: row.person_id, dueDay: row.due_day, channel: row.channel }));
}

export type PlanReviewOutcome = 'sent' | 'already' | 'switched_off' | 'no_address' | 'moved';

/**
 * Sends one review reminder unless another worker did, or it is no longer wanted. The claim commits
 * after the mail server or push service accepted it; a failure rolls it back for a retry.
 */
export async function deliverPlanReview(
	db: Db,
	review: DuePlanReview,
	senders: Senders
): Promise<PlanReviewOutcome> {
	return sendOnce(
		db,
		planReviewSent,
		review,
		and(eq(planReviewSent.personId, review.personId), eq(planReviewSent.dueDay, review.dueDay)),
		(tx) =>
			sendIfWanted(tx, senders, review.personId, 'plan_review', async () => {
				// The plan changed after this was planned: its review date moved, and this one is not due.
				const { rows } = await tx.execute<{ due: string }>(sql`
					select (v.day + make_interval(months => p.review_months))::date::text as due
					from ${relapsePlan} p join ${relapsePlanVersion} v on v.person_id = p.person_id
					where p.person_id = ${review.personId} order by v.day desc limit 1`);
				return rows[0]?.due === review.dueDay ? null : 'moved';
			})
	);
}
