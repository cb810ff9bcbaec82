/**
 * The use figures as counts, in a few aggregate statements per page (never one per person): per
 * component over the last USAGE_WEEKS weeks, the funnel, a weekly trend, module completion and the
 * "why not?" answers. The scope is an organisation (all its groups) or one group. Figures follow the
 * participant's current group. Who may read them is decided by the caller (queries.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	USAGE_COMPONENTS,
	trendWeeks,
	weekOf,
	windowStart,
	type UsageComponent,
	type WhyNotAnswer,
	type WhyNotComponent
} from '$lib/domain/usage';
import type { Db, Tx } from '../db/client';

/** An organisation, or one of its groups. */
export type UsageScope = { organisationId: string; groupId?: string };

export interface RawFigures {
	weeks: string[];
	funnel: { invited: number; everSignedIn: number; activeThisWeek: number };
	components: { component: UsageComponent; people: number; uses: number }[];
	trend: { week: string; active: number; checkIns: number; stepsSeen: number }[];
	modules: { number: number; opened: number; finished: number }[];
	whyNot: { component: WhyNotComponent; answer: WhyNotAnswer; count: number }[];
}

/** The scope's current participants (person, group). */
function membersOf(scope: UsageScope): SQL {
	return scope.groupId
		? sql`select person_id, group_id from group_member where group_id = ${scope.groupId} and left_at is null`
		: sql`select gm.person_id, gm.group_id from group_member gm
		      join course_group cg on cg.id = gm.group_id
		      where cg.organisation_id = ${scope.organisationId} and gm.left_at is null`;
}

/** The scope's groups. */
function groupsOf(scope: UsageScope): SQL {
	return scope.groupId
		? sql`select id from course_group where id = ${scope.groupId} and organisation_id = ${scope.organisationId}`
		: sql`select id from course_group where organisation_id = ${scope.organisationId}`;
}

/** The scope's own usage events (by the organisation's or the group's index). */
function eventsOf(scope: UsageScope): SQL {
	return scope.groupId
		? sql`ue.group_id = ${scope.groupId}`
		: sql`ue.organisation_id = ${scope.organisationId}`;
}

const EVENT_COMPONENTS: Partial<Record<string, UsageComponent>> = {
	video_started: 'videos_started',
	video_ended: 'videos_ended',
	workbook_opened: 'workbook_opened',
	workbook_pdf: 'workbook_pdf'
};

async function componentCounts(db: Db | Tx, scope: UsageScope, since: Date) {
	const day = since.toISOString().slice(0, 10);
	const { rows } = await db.execute<{ component: string; people: string; uses: string }>(sql`
		with m as materialized (${membersOf(scope)}), g as materialized (${groupsOf(scope)})
		select 'steps_seen' as component, count(distinct sp.person_id) as people, count(*) as uses
		  from m join step_progress sp on sp.person_id = m.person_id where sp.seen_at >= ${since}
		union all
		select 'steps_done', count(distinct sp.person_id), count(*)
		  from m join step_progress sp on sp.person_id = m.person_id where sp.done_at >= ${since}
		union all
		select 'check_ins', count(distinct ci.person_id), count(*)
		  from check_in ci where ci.group_id in (select id from g) and ci.week_start >= ${day}
		union all
		select 'goals', count(distinct rg.person_id), count(*)
		  from m join recovery_goal rg on rg.person_id = m.person_id where rg.created_at >= ${since}
		union all
		select 'goal_steps', count(distinct gs.person_id), count(*)
		  from m join goal_step gs on gs.person_id = m.person_id where gs.created_at >= ${since}
		union all
		select 'reminders', count(distinct rs.person_id), count(*)
		  from m join reminder_sent rs on rs.person_id = m.person_id and rs.group_id = m.group_id
		  where rs.week_start >= ${day} and rs.outcome = 'sent'
		union all
		select 'messages', count(distinct ms.person_id), count(*)
		  from m join message ms on ms.person_id = m.person_id and ms.author_person_id = m.person_id
		  where ms.created_at >= ${since}
		union all
		select 'help_requests', count(distinct hr.person_id), count(*)
		  from help_request hr where hr.group_id in (select id from g) and hr.created_at >= ${since}
		union all
		select 'home_practice', count(distinct hpa.person_id), count(*)
		  from home_practice hp join home_practice_answer hpa on hpa.practice_id = hp.id
		  where hp.group_id in (select id from g) and hpa.answered_at >= ${since}
		union all
		select 'board', count(distinct bp.author_person_id), count(*)
		  from board_post bp join m on m.person_id = bp.author_person_id and m.group_id = bp.group_id
		  where bp.created_at >= ${since}
		union all
		select 'live', count(distinct la.person_id), count(*)
		  from m join live_answer la on la.person_id = m.person_id where la.created_at >= ${since}
		union all
		select ue.kind, count(distinct ue.person_id), count(*)
		  from usage_event ue
		  where ${eventsOf(scope)}
		    and ue.kind in ('video_started', 'video_ended', 'workbook_opened', 'workbook_pdf')
		    and ue.occurred_at >= ${since}
		  group by ue.kind`);
	const found = new Map(rows.map((row) => [EVENT_COMPONENTS[row.component] ?? row.component, row] as const));
	return USAGE_COMPONENTS.map((component) => ({
		component,
		people: Number(found.get(component)?.people ?? 0),
		uses: Number(found.get(component)?.uses ?? 0)
	}));
}

async function funnel(db: Db | Tx, scope: UsageScope, monday: Date) {
	const { rows } = await db.execute<{ invited: string; ever: string; active: string }>(
		scope.groupId
			? sql`
				with m as materialized (${membersOf(scope)})
				select (select count(*) from m) as invited,
				       (select count(*) from m join usage_event ue
				          on ue.person_id = m.person_id and ue.kind = 'first_visit') as ever,
				       (select count(*) from usage_event ue
				          where ${eventsOf(scope)} and ue.kind = 'visit' and ue.occurred_at >= ${monday}) as active`
			: sql`
				select (select count(*) from person
				          where organisation_id = ${scope.organisationId} and role = 'participant') as invited,
				       (select count(*) from usage_event ue
				          where ${eventsOf(scope)} and ue.kind = 'first_visit') as ever,
				       (select count(*) from usage_event ue
				          where ${eventsOf(scope)} and ue.kind = 'visit' and ue.occurred_at >= ${monday}) as active`
	);
	const row = rows[0];
	return {
		invited: Number(row?.invited ?? 0),
		everSignedIn: Number(row?.ever ?? 0),
		activeThisWeek: Number(row?.active ?? 0)
	};
}

async function trend(db: Db | Tx, scope: UsageScope, weeks: string[], since: Date) {
	const day = since.toISOString().slice(0, 10);
	const { rows } = await db.execute<{ series: string; week: string; count: string }>(sql`
		with m as materialized (${membersOf(scope)}), g as materialized (${groupsOf(scope)})
		select 'active' as series, to_char(date_trunc('week', ue.occurred_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
		       count(*) as count
		  from usage_event ue
		  where ${eventsOf(scope)} and ue.kind = 'visit' and ue.occurred_at >= ${since}
		  group by 2
		union all
		select 'check_ins', to_char(date_trunc('week', ci.week_start::timestamp), 'YYYY-MM-DD'), count(*)
		  from check_in ci where ci.group_id in (select id from g) and ci.week_start >= ${day}
		  group by 2
		union all
		select 'steps_seen', to_char(date_trunc('week', sp.seen_at at time zone 'UTC'), 'YYYY-MM-DD'), count(*)
		  from m join step_progress sp on sp.person_id = m.person_id where sp.seen_at >= ${since}
		  group by 2`);
	const at = (series: string, week: string) =>
		Number(rows.find((row) => row.series === series && row.week === week)?.count ?? 0);
	return weeks.map((week) => ({
		week,
		active: at('active', week),
		checkIns: at('check_ins', week),
		stepsSeen: at('steps_seen', week)
	}));
}

async function modules(db: Db | Tx, scope: UsageScope) {
	const { rows } = await db.execute<{ number: number; opened: string; finished: string }>(sql`
		with m as materialized (${membersOf(scope)}),
		per as (
			select m.group_id, sp.module_number, count(sp.done_at) as done
			  from m join step_progress sp on sp.person_id = m.person_id
			  group by m.group_id, sp.person_id, sp.module_number),
		versions as (
			select gc.group_id, gc.version_id from group_course gc
			  where gc.group_id in (select distinct group_id from m)),
		size as (
			select cm.version_id, cm.number, count(cs.id) as steps
			  from curriculum_module cm join curriculum_step cs on cs.module_id = cm.id
			  where cm.version_id in (select version_id from versions)
			  group by cm.version_id, cm.number)
		select per.module_number as number, count(*) as opened,
		       count(*) filter (where size.steps is not null and per.done >= size.steps) as finished
		  from per
		  left join versions v on v.group_id = per.group_id
		  left join size on size.version_id = v.version_id and size.number = per.module_number
		  group by per.module_number
		  order by per.module_number`);
	return rows.map((row) => ({
		number: Number(row.number),
		opened: Number(row.opened),
		finished: Number(row.finished)
	}));
}

async function whyNot(db: Db | Tx, scope: UsageScope) {
	const { rows } = await db.execute<{ component: WhyNotComponent; answer: WhyNotAnswer; count: string }>(
		scope.groupId
			? sql`select component, answer, count(*) as count from why_not_answer
			      where group_id = ${scope.groupId} group by component, answer`
			: sql`select component, answer, count(*) as count from why_not_answer
			      where organisation_id = ${scope.organisationId} group by component, answer`
	);
	return rows.map((row) => ({ component: row.component, answer: row.answer, count: Number(row.count) }));
}

/** Every figure of the scope, as counted (the caller suppresses small counts where it must). */
export async function usageFigures(db: Db | Tx, scope: UsageScope, now = new Date()): Promise<RawFigures> {
	const weeks = trendWeeks(now);
	const since = windowStart(now);
	const monday = new Date(`${weekOf(now)}T00:00:00Z`);
	const [components, funnelRow, trendRows, moduleRows, answers] = await Promise.all([
		componentCounts(db, scope, since),
		funnel(db, scope, monday),
		trend(db, scope, weeks, since),
		modules(db, scope),
		whyNot(db, scope)
	]);
	return {
		weeks,
		funnel: funnelRow,
		components,
		trend: trendRows,
		modules: moduleRows,
		whyNot: answers
	};
}

/** One page of the organisation's groups with their funnel (for the coordinator's list). */
export async function groupsPage(
	db: Db | Tx,
	organisationId: string,
	page: number,
	pageSize: number,
	now = new Date()
) {
	const monday = new Date(`${weekOf(now)}T00:00:00Z`);
	const { rows } = await db.execute<{
		id: string;
		name: string;
		invited: string;
		ever: string;
		active: string;
	}>(sql`
		select cg.id, cg.name,
		       (select count(*) from group_member gm where gm.group_id = cg.id and gm.left_at is null) as invited,
		       (select count(*) from group_member gm
		          join usage_event ue on ue.person_id = gm.person_id and ue.kind = 'first_visit'
		          where gm.group_id = cg.id and gm.left_at is null) as ever,
		       (select count(*) from usage_event ue
		          where ue.group_id = cg.id and ue.kind = 'visit' and ue.occurred_at >= ${monday}) as active
		  from course_group cg
		  where cg.organisation_id = ${organisationId}
		  order by lower(cg.name), cg.id
		  limit ${pageSize + 1} offset ${page * pageSize}`);
	return {
		groups: rows.slice(0, pageSize).map((row) => ({
			id: row.id,
			name: row.name,
			invited: Number(row.invited),
			everSignedIn: Number(row.ever),
			activeThisWeek: Number(row.active)
		})),
		hasNext: rows.length > pageSize
	};
}
