/**
 * Who needs attention, for the trainer's start page: per participant of the group, in words — an
 * open help request, never signed in, no check-in for two weeks or more — sorted by urgency.
 * Every participant shown is logged. Only reads: attention has no commands.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { checkInWeek, checkInWeekAt, weeksWithoutCheckIn } from '$lib/domain/week';
import { COURSE_TIME_ZONE, addDays, local } from '$lib/domain/schedule';
import { record } from '../../audit/record';
import { PRACTICE_GRACE_DAYS, practicesDue } from '../../calendar/home-practice/queries';
import type { Db } from '../../db/client';
import { courseGroup } from '../../db/schema';
import { heldSessionsByGroup } from '../../goals/weeks';
import { isTrainer, requireCoordinator } from '../../access';
import { Forbidden } from '../../errors';

export const ATTENTION_REASONS = [
	'help_request',
	'unread_message',
	'never_signed_in',
	'no_check_in',
	'practice_not_done',
	'intake_not_done'
] as const;

export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface AttentionRow {
	id: string;
	displayName: string;
	groupId: string;
	reasons: AttentionReason[];
	/** Weeks without a check-in (only with 'no_check_in'). */
	weeksWithoutCheckIn: number;
}

const urgency: Record<AttentionReason, number> = {
	help_request: 0,
	unread_message: 1,
	never_signed_in: 2,
	no_check_in: 3,
	practice_not_done: 4,
	intake_not_done: 5
};

/** The sign-in events of the access log that show a participant has been in (a partial index holds them). */
const SIGN_IN_EVENTS = sql.raw(`'auth.sign_in', 'login_card.use', 'auth.link_use'`);

/**
 * What attention needs to know of one member (the group_member row `gm`), each from an index on that
 * person's own rows: the open help request (unique partial index), a sign-in (audit_event_sign_in_idx),
 * the last check-in's week (check_in_person_week_uq), the intake (primary key). Scalar subqueries
 * rather than exists(): PostgreSQL may answer an exists() by hashing the whole table, which grows with
 * the organisation; these are per member, so the cost follows the members asked about.
 */
const memberFacts = sql`
	coalesce((
		select true from help_request h where h.person_id = gm.person_id and h.closed_at is null limit 1
	), false) as help_open,
	coalesce((
		select true from audit_event a
		where a.actor_person_id = gm.person_id and a.event_type in (${SIGN_IN_EVENTS}) and a.outcome = 'success'
		limit 1
	), false) as signed_in,
	(select max(c.week_start)::text from check_in c where c.person_id = gm.person_id) as last_check_in,
	coalesce((select true from digital_intake d where d.person_id = gm.person_id), false) as intake_done`;

/** Participant facts as they come from the database. */
type MemberFacts = {
	help_open: boolean;
	signed_in: boolean;
	last_check_in: string | null;
	intake_done: boolean;
	unread: boolean;
};

/**
 * Participants of the trainer's groups who need attention, most urgent first (the groups come from
 * the trainer's own group_trainer rows). Forbidden for anyone but a trainer.
 */
export async function trainerAttention(db: Db, actor: Actor, now: Date = new Date()) {
	if (!isTrainer(actor) || !actor.organisationId) throw new Forbidden('trainer_only');
	// One query for the trainer's participants and their facts. Unread: a message the participant
	// wrote after this trainer last read the thread and after anyone answered in it
	// (message_thread_idx, message_read's primary key).
	const { rows } = await db.execute<
		MemberFacts & {
			id: string;
			display_name: string;
			group_id: string;
			joined_ms: number;
			weekday: number;
			start_time: string;
			start_date: string;
			end_date: string | null;
		}
	>(sql`
		select p.id, p.display_name, g.id as group_id,
		       (extract(epoch from gm.joined_at) * 1000)::float8 as joined_ms,
		       g.weekday, g.start_time::text, g.start_date::text, g.end_date::text, ${memberFacts},
		       coalesce((
		         select true from message msg
		         where msg.person_id = gm.person_id and msg.author_person_id = gm.person_id
		           and msg.created_at > coalesce(
		             (select r.read_at from message_read r
		              where r.reader_person_id = ${actor.personId} and r.person_id = gm.person_id),
		             '-infinity')
		           -- Answered by a co-trainer: no longer waiting for this trainer either.
		           and msg.created_at > coalesce(
		             (select max(reply.created_at) from message reply
		              where reply.person_id = gm.person_id and reply.author_person_id <> gm.person_id),
		             '-infinity')
		         limit 1
		       ), false) as unread
		from group_trainer t
		join course_group g on g.id = t.group_id
		join group_member gm on gm.group_id = g.id and gm.left_at is null
		join person p on p.id = gm.person_id and p.deactivated_at is null
		where t.person_id = ${actor.personId} and g.organisation_id = ${actor.organisationId}`);
	const members: Member[] = rows.map((row) => ({
		id: row.id,
		displayName: row.display_name,
		groupId: row.group_id,
		joinedAt: new Date(row.joined_ms),
		weekday: row.weekday,
		startTime: row.start_time,
		startDate: row.start_date,
		endDate: row.end_date,
		helpOpen: row.help_open,
		signedIn: row.signed_in,
		lastCheckIn: row.last_check_in,
		intakeDone: row.intake_done,
		unread: row.unread
	}));
	const attention = await attentionRows(db, members, now);
	await record(
		db,
		...attention.map((row) => ({
			eventType: 'attention.read' as const,
			action: 'R' as const,
			actor,
			participantId: row.id,
			object: { type: 'attention', id: row.groupId }
		}))
	);
	return attention;
}

export type AttentionCounts = Record<AttentionReason, number>;

/**
 * For a coordinator, per group of the organisation (or of `groupIds`, e.g. the groups on one page): how
 * many participants need attention for each reason — counts only, no names or contents (so nothing
 * about one participant is read; Forbidden for anyone but a coordinator). A message counts as unread until one of the group's trainers has
 * read it. Counted in the database: one row per group comes back, whatever the number of participants.
 */
export async function organisationAttention(
	db: Db,
	actor: Actor,
	now: Date = new Date(),
	groupIds?: string[]
): Promise<Map<string, AttentionCounts>> {
	// Forbidden for anyone but the organisation's coordinators.
	const organisationId = requireCoordinator(actor);
	const counts = new Map<string, AttentionCounts>();
	const groups = await db
		.select({
			id: courseGroup.id,
			weekday: courseGroup.weekday,
			startTime: courseGroup.startTime,
			startDate: courseGroup.startDate,
			endDate: courseGroup.endDate
		})
		.from(courseGroup)
		.where(
			and(
				eq(courseGroup.organisationId, organisationId),
				groupIds ? sql`${courseGroup.id} = any(${sql.param(groupIds)}::uuid[])` : undefined
			)
		);
	if (groups.length === 0) return counts;
	// The week logic stays in one place (domain/week.ts, the group's calendar when it has one); per group
	// the database gets the start of the week two weeks back: a member missed two weeks when neither it
	// nor the week after has a check-in (stored under any date from that week's start on).
	const calendars = await heldSessionsByGroup(
		db,
		groups.map((group) => group.id)
	);
	const weeks = groups.map((group) => {
		const source = { ...group, heldSessions: calendars.get(group.id) ?? null };
		const week = checkInWeekAt(source, now);
		const twoBack = week && week.index >= 2 ? checkInWeek(source, week.index - 2) : null;
		return { id: group.id, twoBack: twoBack?.startDate ?? null };
	});
	const today = local(now).date;
	const { rows } = await db.execute<{ group_id: string } & AttentionCounts>(sql`
		with week as (
			-- unnest of two arrays, so that PostgreSQL plans for this many groups (see groups/glance.ts).
			select * from unnest(${sql.param(weeks.map((week) => week.id))}::uuid[],
			                     ${sql.param(weeks.map((week) => week.twoBack))}::date[]) as w(id, "twoBack")
		), practice as (
			-- The group's newest home practice given at a session until today, once its grace days are over.
			select week.id as group_id, newest.id, newest.date
			from week
			cross join lateral (
				select hp.id, s.date from home_practice hp join group_session s on s.id = hp.session_id
				where hp.group_id = week.id and s.date <= ${today}::date order by s.date desc limit 1
			) newest
			where newest.date <= ${addDays(today, -PRACTICE_GRACE_DAYS)}::date
		), fact as materialized (
			select gm.group_id, week."twoBack" as two_back, practice.id as practice_id, practice.date as practice_date,
			       (gm.joined_at at time zone ${COURSE_TIME_ZONE})::date as joined, ${memberFacts},
			       coalesce((
			         select true from (
			           -- Per group, the participant's newest message: older ones are read when it is.
			           select distinct on (msg.group_id) msg.group_id, msg.created_at
			           from message msg
			           where msg.person_id = gm.person_id and msg.author_person_id = gm.person_id
			           order by msg.group_id, msg.created_at desc
			         ) newest
			         where not exists (
			           select 1 from group_trainer t
			           join message_read r on r.reader_person_id = t.person_id and r.person_id = gm.person_id
			           where t.group_id = newest.group_id and r.read_at >= newest.created_at
			         )
			         limit 1
			       ), false) as unread,
			       practice.id is not null and (
			         select true from home_practice_answer ans
			         where ans.practice_id = practice.id and ans.person_id = gm.person_id
			       ) is null as practice_open
			from group_member gm
			join week on week.id = gm.group_id
			join person p on p.id = gm.person_id and p.deactivated_at is null
			left join practice on practice.group_id = week.id
			-- The groups as one array: the planner then reads their members by index, never the whole table.
			where gm.group_id = any(${sql.param(groups.map((group) => group.id))}::uuid[]) and gm.left_at is null
		)
		select group_id,
		       count(*) filter (where help_open)::int as help_request,
		       count(*) filter (where unread)::int as unread_message,
		       count(*) filter (where not signed_in)::int as never_signed_in,
		       count(*) filter (
		         where two_back >= joined and (last_check_in is null or last_check_in::date < two_back)
		       )::int as no_check_in,
		       count(*) filter (where practice_open and joined <= practice_date)::int as practice_not_done,
		       count(*) filter (where not intake_done)::int as intake_not_done
		from fact group by group_id`);
	for (const row of rows) {
		const group = Object.fromEntries(
			ATTENTION_REASONS.map((reason) => [reason, row[reason]])
		) as AttentionCounts;
		// As before: a group where nobody needs attention has no entry.
		if (ATTENTION_REASONS.some((reason) => group[reason] > 0)) counts.set(row.group_id, group);
	}
	return counts;
}

type Member = {
	id: string;
	displayName: string;
	groupId: string;
	joinedAt: Date;
	weekday: number;
	startTime: string;
	startDate: string;
	endDate: string | null;
	helpOpen: boolean;
	signedIn: boolean;
	lastCheckIn: string | null;
	intakeDone: boolean;
	unread: boolean;
};

/** The reasons each member needs attention, most urgent first. */
async function attentionRows(db: Db, members: Member[], now: Date): Promise<AttentionRow[]> {
	if (members.length === 0) return [];
	const groupIds = [...new Set(members.map((member) => member.groupId))];
	const [practices, calendars] = await Promise.all([
		practicesDue(db, groupIds, now),
		heldSessionsByGroup(db, groupIds)
	]);
	const rows: AttentionRow[] = [];
	for (const member of members) {
		const reasons: AttentionReason[] = [];
		if (member.helpOpen) reasons.push('help_request');
		if (member.unread) reasons.push('unread_message');
		if (!member.signedIn) reasons.push('never_signed_in');
		// Weeks of the group's calendar that ended without a check-in, since the last one and since joining.
		const missed = weeksWithoutCheckIn(
			{ ...member, heldSessions: calendars.get(member.groupId) ?? null },
			now,
			member.lastCheckIn,
			local(member.joinedAt).date
		);
		if (missed >= 2) reasons.push('no_check_in');
		const practice = practices.get(member.groupId);
		// Only for who was in the group when it was given.
		if (practice && !practice.answered.has(member.id) && local(member.joinedAt).date <= practice.givenAt)
			reasons.push('practice_not_done');
		if (!member.intakeDone) reasons.push('intake_not_done');
		if (reasons.length > 0)
			rows.push({
				id: member.id,
				displayName: member.displayName,
				groupId: member.groupId,
				reasons,
				weeksWithoutCheckIn: missed
			});
	}
	rows.sort(
		(a, b) =>
			Math.min(...a.reasons.map((r) => urgency[r])) - Math.min(...b.reasons.map((r) => urgency[r])) ||
			b.reasons.length - a.reasons.length ||
			a.displayName.localeCompare(b.displayName)
	);
	return rows;
}
