/**
 * The group at a glance, for the trainer's start page: one row per participant of each group the
 * trainer trains — when they last signed in, this week's check-in with its closeness, the current
 * step, home-practice answers waiting for feedback, new messages and an open help request. One query
 * for all of the trainer's groups (each fact from an index on the participant's own rows), and one
 * access-log row per participant shown.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { checkInWeekAt } from '$lib/domain/week';
import { requireTrainer } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { heldSessionsByGroup } from '../goals/weeks';

export interface GlanceRow {
	id: string;
	displayName: string;
	groupId: string;
	/** The last successful sign-in, or null when the participant never signed in. */
	lastSignIn: Date | null;
	/** This week's check-in: its closeness (1–5); null when there is none yet or no course week now. */
	closeness: number | null;
	/** Whether the group has a course week now (otherwise no check-in is asked for). */
	checkInWeek: boolean;
	/** The open step of the participant's current goal. */
	step: string | null;
	/** Home-practice answers of this group's practice that wait for feedback. */
	practiceWaiting: number;
	/** The session where the oldest answer waiting for feedback was given (its page has the form). */
	practiceSessionId: string | null;
	/** Messages from the participant that no trainer has answered and this trainer has not read. */
	unread: number;
	helpOpen: boolean;
}

/** The sign-in events of the access log (a partial index, audit_event_sign_in_idx, holds them). */
const SIGN_IN_EVENTS = sql.raw(`'auth.sign_in', 'login_card.use', 'auth.link_use'`);

/**
 * The rows of every group the trainer trains, by group id, participants by name. Forbidden for anyone
 * but a trainer (through the access module).
 */
export async function groupsAtAGlance(
	db: Db,
	actor: Actor,
	now: Date = new Date()
): Promise<Map<string, GlanceRow[]>> {
	const organisationId = requireTrainer(actor);
	const { rows: groups } = await db.execute<{
		id: string;
		weekday: number;
		start_time: string;
		start_date: string;
		end_date: string | null;
	}>(sql`
		select g.id, g.weekday, g.start_time::text, g.start_date::text, g.end_date::text
		from group_trainer t join course_group g on g.id = t.group_id
		where t.person_id = ${actor.personId} and g.organisation_id = ${organisationId}`);
	const byGroup = new Map<string, GlanceRow[]>(groups.map((group) => [group.id, []]));
	if (groups.length === 0) return byGroup;
	const calendars = await heldSessionsByGroup(
		db,
		groups.map((group) => group.id)
	);
	// This week of each group, as the check-in counts it (domain/week.ts): a check-in stored under any
	// date from the week's start on belongs to it.
	const weeks = groups.map((group) => {
		const week = checkInWeekAt(
			{
				weekday: group.weekday,
				startTime: group.start_time,
				startDate: group.start_date,
				endDate: group.end_date,
				heldSessions: calendars.get(group.id) ?? null
			},
			now
		);
		return { id: group.id, start: week?.startDate ?? null };
	});
	const { rows } = await db.execute<{
		id: string;
		display_name: string;
		group_id: string;
		week_start: string | null;
		last_sign_in: string | null;
		closeness: number | null;
		step: string | null;
		practice_waiting: number;
		practice_session: string | null;
		unread: number;
		help_open: boolean;
	}>(sql`
		with week as (
			-- unnest of two arrays: PostgreSQL counts their elements, so it plans for the trainer's few
			-- groups (a JSON record set counts as 100 rows, and at 100,000 participants the members and
			-- people were hashed whole; BENCHMARKS.md, issue 22).
			select * from unnest(${sql.param(weeks.map((week) => week.id))}::uuid[],
			                     ${sql.param(weeks.map((week) => week.start))}::date[]) as w(id, start)
		)
		select p.id, p.display_name, gm.group_id, week.start::text as week_start,
		       (select max(a.recorded_at)::text from audit_event a
		        where a.actor_person_id = gm.person_id and a.event_type in (${SIGN_IN_EVENTS})
		          and a.outcome = 'success') as last_sign_in,
		       (select c.closeness from check_in c
		        where c.person_id = gm.person_id and c.group_id = gm.group_id and c.week_start >= week.start
		        order by c.week_start desc limit 1) as closeness,
		       (select s.text from recovery_goal rg
		        join goal_step s on s.goal_id = rg.id and s.status = 'open'
		        where rg.person_id = gm.person_id and rg.is_current
		        order by s.created_at desc limit 1) as step,
		       (select count(*)::int from home_practice_answer ans
		        join home_practice hp on hp.id = ans.practice_id
		        where ans.person_id = gm.person_id and hp.group_id = gm.group_id
		          and ans.feedback is null) as practice_waiting,
		       (select hp.session_id from home_practice_answer ans
		        join home_practice hp on hp.id = ans.practice_id
		        where ans.person_id = gm.person_id and hp.group_id = gm.group_id and ans.feedback is null
		        order by ans.answered_at limit 1) as practice_session,
		       -- The participant's messages after the last answer by anyone else in the thread and after
		       -- this trainer last read it: a co-trainer's answer settles them for every trainer.
		       (select count(*)::int from message msg
		        where msg.person_id = gm.person_id and msg.author_person_id = gm.person_id
		          and msg.created_at > coalesce((
		            select max(reply.created_at) from message reply
		            where reply.person_id = gm.person_id and reply.author_person_id <> gm.person_id), '-infinity')
		          and msg.created_at > coalesce((
		            select r.read_at from message_read r
		            where r.reader_person_id = ${actor.personId} and r.person_id = gm.person_id), '-infinity')
		       ) as unread,
		       coalesce((select true from help_request h
		                 where h.person_id = gm.person_id and h.closed_at is null limit 1), false) as help_open
		from week
		join group_member gm on gm.group_id = week.id and gm.left_at is null
		join person p on p.id = gm.person_id and p.deactivated_at is null
		order by p.display_name, p.id`);
	for (const row of rows)
		byGroup.get(row.group_id)?.push({
			id: row.id,
			displayName: row.display_name,
			groupId: row.group_id,
			lastSignIn: row.last_sign_in ? new Date(row.last_sign_in) : null,
			closeness: row.closeness,
			checkInWeek: row.week_start !== null,
			step: row.step,
			practiceWaiting: row.practice_waiting,
			practiceSessionId: row.practice_session,
			unread: row.unread,
			helpOpen: row.help_open
		});
	await record(
		db,
		...rows.map((row) => ({
			eventType: 'group.overview.read' as const,
			action: 'R' as const,
			actor,
			participantId: row.id,
			object: { type: 'group', id: row.group_id }
		}))
	);
	return byGroup;
}
