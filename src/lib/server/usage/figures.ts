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
	// People and uses per source: rows grouped per person first (a hash aggregate), then counted;
	// step progress is read once for steps opened and finished.
	const per = (component: string, from: SQL) => sql`
		select ${component} as component, count(*) as people, coalesce(sum(n), 0) as uses
		  from (select person_id, count(*) as n ${from} group by person_id) t`;
	const { rows } = await db.execute<{ component: string; people: string; uses: string }>(sql`
		with m as materialized (${membersOf(scope)}), g as materialized (${groupsOf(scope)}),
		steps as materialized (
			-- Step progress read once: per person (the component counts) and per week opened (the trend).
			select person_id, grouping(person_id) as by_week, week,
			       count(*) filter (where seen_at >= ${since}) as seen,
			       count(*) filter (where done_at >= ${since}) as done
			  from (select sp.person_id, sp.seen_at, sp.done_at,
			               floor(extract(epoch from sp.seen_at - ${since}::timestamptz) / 604800)::int as week
			          from m join step_progress sp on sp.person_id = m.person_id
			         where sp.seen_at >= ${since} or sp.done_at >= ${since}) r
			 group by grouping sets ((person_id), (week)))
		select 'steps_seen' as component, count(*) filter (where seen > 0) as people, coalesce(sum(seen), 0) as uses
		  from steps where by_week = 0
		union all
		select 'steps_done', count(*) filter (where done > 0), coalesce(sum(done), 0) from steps where by_week = 0
		union all
		select 'week:' || week, 0, seen from steps where by_week = 1 and week >= 0
		union all ${per('check_ins', sql`from check_in ci where ci.group_id in (select id from g) and ci.week_start >= ${day}`)}
		union all ${per('goals', sql`from (select rg.person_id from m join recovery_goal rg on rg.person_id = m.person_id where rg.created_at >= ${since}) r`)}
		union all ${per('goal_steps', sql`from (select gs.person_id from m join goal_step gs on gs.person_id = m.person_id where gs.created_at >= ${since}) r`)}
		union all ${per(
			'reminders',
			sql`from (select rs.person_id from m join reminder_sent rs on rs.person_id = m.person_id and rs.group_id = m.group_id
			          where rs.week_start >= ${day} and rs.outcome = 'sent') r`
		)}
		union all ${per(
			'messages',
			sql`from (select ms.person_id from m join message ms on ms.person_id = m.person_id and ms.author_person_id = m.person_id
			          where ms.created_at >= ${since}) r`
		)}
		union all ${per('help_requests', sql`from help_request hr where hr.group_id in (select id from g) and hr.created_at >= ${since}`)}
		union all ${per(
			'home_practice',
			sql`from (select hpa.person_id from home_practice hp join home_practice_answer hpa on hpa.practice_id = hp.id
			          where hp.group_id in (select id from g) and hpa.answered_at >= ${since}) r`
		)}
		union all ${per(
			'board',
			sql`from (select bp.author_person_id as person_id from board_post bp
			          join m on m.person_id = bp.author_person_id and m.group_id = bp.group_id
			          where bp.created_at >= ${since}) r`
		)}
		union all ${per('live', sql`from (select la.person_id from m join live_answer la on la.person_id = m.person_id where la.created_at >= ${since}) r`)}
		union all
		select kind, count(*), coalesce(sum(n), 0)
		  from (select ue.kind, ue.person_id, count(*) as n from usage_event ue
		         where ${eventsOf(scope)}
		           and ue.kind in ('video_started', 'video_ended', 'workbook_opened', 'workbook_pdf')
		           and ue.occurred_at >= ${since}
		         group by ue.kind, ue.person_id) t
		 group by kind`);
	const found = new Map(rows.map((row) => [EVENT_COMPONENTS[row.component] ?? row.component, row] as const));
	const stepsPerWeek = new Map(
		rows
			.filter((row) => row.component.startsWith('week:'))
			.map((row) => [Number(row.component.slice(5)), Number(row.uses)] as const)
	);
	const components = USAGE_COMPONENTS.map((component) => ({
		component,
		people: Number(found.get(component)?.people ?? 0),
		uses: Number(found.get(component)?.uses ?? 0)
	}));
	return { components, stepsPerWeek };
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

async function trend(db: Db | Tx, scope: UsageScope, since: Date) {
	const day = since.toISOString().slice(0, 10);
	// Week numbers counted from the window's first Monday (0 = the oldest week): plain arithmetic
	// per row, no text.
	const { rows } = await db.execute<{ series: string; week: number; count: string }>(sql`
		with g as materialized (${groupsOf(scope)})
		select 'active' as series, floor(extract(epoch from ue.occurred_at - ${since}::timestamptz) / 604800)::int as week,
		       count(*) as count
		  from usage_event ue
		  where ${eventsOf(scope)} and ue.kind = 'visit' and ue.occurred_at >= ${since}
		  group by 2
		union all
		select 'check_ins', floor((ci.week_start - ${day}::date) / 7.0)::int, count(*)
		  from check_in ci where ci.group_id in (select id from g) and ci.week_start >= ${day}
		  group by 2`);
	return new Map(rows.map((row) => [`${row.series}:${Number(row.week)}`, Number(row.count)]));
}

async function modules(db: Db | Tx, scope: UsageScope) {
	const { rows } = await db.execute<{ number: number; opened: string; finished: string }>(sql`
		with m as materialized (${membersOf(scope)}),
		progress as (
			select sp.person_id, sp.module_number, count(sp.done_at) as done
			  from m join step_progress sp on sp.person_id = m.person_id
			  group by sp.person_id, sp.module_number),
		per as (select m.group_id, progress.module_number, progress.done from progress join m using (person_id)),
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
	const [counted, funnelRow, perWeek, moduleRows, answers] = await Promise.all([
		componentCounts(db, scope, since),
		funnel(db, scope, monday),
		trend(db, scope, since),
		modules(db, scope),
		whyNot(db, scope)
	]);
	return {
		weeks,
		funnel: funnelRow,
		components: counted.components,
		trend: weeks.map((week, index) => ({
			week,
			active: perWeek.get(`active:${index}`) ?? 0,
			checkIns: perWeek.get(`check_ins:${index}`) ?? 0,
			stepsSeen: counted.stepsPerWeek.get(index) ?? 0
		})),
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
