import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { importStarterCurricula } from '../curriculum/import';
import type { Db } from '../db/client';
import {
	DEFAULT_GROUP_WEEKS,
	generateHistory,
	historyGroupName,
	seedDemoHistory,
	type DemoHistoryResult
} from './history';
import { seedDemo } from './seed';

// A fixed moment, so the history is the same on every run (a Wednesday afternoon).
const NOW = new Date('2026-12-02T15:00:00Z');
const NAMES = DEFAULT_GROUP_WEEKS.map((_, index) => historyGroupName(index));

let first: Db;
let second: Db;
let firstResult: DemoHistoryResult;
let otherOrganisation: { id: string };

async function demoWithHistory(db: Db, dataDir: string): Promise<DemoHistoryResult> {
	await seedDemo(db, TEST_SECRET);
	await importStarterCurricula(db, dataDir);
	return seedDemoHistory(db, { now: NOW });
}

async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
	const { rows } = await db.execute(query);
	return rows[0] as T;
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
	return (await db.execute(query)).rows as T[];
}

/** The demo organisation, its trainer Tom and its curriculum version: ids that differ per database. */
async function foreignIds(db: Db): Promise<string[]> {
	const ids = await one<{ org: string; tom: string; version: string }>(
		db,
		sql`select o.id as org, p.id as tom, v.id as version
		    from organisation o
		    join person p on p.organisation_id = o.id
		    join "user" u on u.id = p.user_id and u.email = 'trainer@demo.herstelpad.example'
		    join curriculum_version v on v.organisation_id = o.id
		    where o.slug = 'demo'`
	);
	return [ids.org, ids.tom, ids.version];
}

/**
 * A digest per table of the history's rows (the history's own ids are part of it; ids that differ per
 * database — the organisation, Tom, the curriculum version — are replaced by a name).
 */
async function digest(db: Db): Promise<Record<string, string>> {
	const [org, tom, version] = await foreignIds(db);
	const groups = sql`(select id from course_group where organisation_id = ${org} and name in ${NAMES})`;
	const people = sql`(select person_id from group_member where group_id in ${groups}
	                    union select person_id from group_trainer where group_id in ${groups} and person_id <> ${tom})`;
	const parts: Record<string, ReturnType<typeof sql>> = {
		course_group: sql`select t::text as x from course_group t where id in ${groups}`,
		group_session: sql`select t::text as x from group_session t where group_id in ${groups}`,
		group_trainer: sql`select t::text as x from group_trainer t where group_id in ${groups}`,
		group_member: sql`select t::text as x from group_member t where group_id in ${groups}`,
		group_course: sql`select t::text as x from group_course t where group_id in ${groups}`,
		group_module: sql`select t::text as x from group_module t where group_id in ${groups}`,
		person: sql`select t::text as x from person t where id in ${people}`,
		user: sql`select u::text as x from "user" u join person p on p.user_id = u.id where p.id in ${people}`,
		recovery_goal: sql`select t::text as x from recovery_goal t where person_id in ${people}`,
		goal_step: sql`select t::text as x from goal_step t where person_id in ${people}`,
		goal_event: sql`select row(e.goal_id, e.kind, e.before, e.after, e.by_person_id, e.at)::text as x
		                from goal_event e join recovery_goal g on g.id = e.goal_id where g.person_id in ${people}`,
		check_in: sql`select t::text as x from check_in t where person_id in ${people}`,
		session_attendance: sql`select t::text as x from session_attendance t where person_id in ${people}`,
		home_practice: sql`select t::text as x from home_practice t where group_id in ${groups}`,
		home_practice_answer: sql`select t::text as x from home_practice_answer t where person_id in ${people}`,
		message: sql`select t::text as x from message t where person_id in ${people}`,
		message_read: sql`select t::text as x from message_read t where person_id in ${people}`,
		help_request: sql`select t::text as x from help_request t where person_id in ${people}`,
		step_progress: sql`select t::text as x from step_progress t where person_id in ${people}`,
		digital_intake: sql`select t::text as x from digital_intake t where person_id in ${people}`
	};
	const out: Record<string, string> = {};
	for (const [name, query] of Object.entries(parts)) {
		const result = await one<{ n: number; digest: string }>(
			db,
			sql`select count(*)::int as n, md5(coalesce(string_agg(y, '|' order by y), '')) as digest
			    from (select replace(replace(replace(x, ${org}, 'ORG'), ${tom}, 'TOM'), ${version}, 'VERSION') as y
			          from (${query}) q) rows`
		);
		out[name] = `${result.n}:${result.digest}`;
	}
	return out;
}

beforeAll(async () => {
	first = (await createTestDatabase()).db;
	second = (await createTestDatabase()).db;
	const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-history-'));
	otherOrganisation = await buildOrganisation(first);
	const outsider = await buildPerson(first, { organisationId: otherOrganisation.id, role: 'trainer' });
	const client = await buildPerson(first, { organisationId: otherOrganisation.id, role: 'participant' });
	await buildGroup(first, {
		organisationId: otherOrganisation.id,
		trainers: [outsider],
		participants: [client]
	});
	[firstResult] = await Promise.all([demoWithHistory(first, dataDir()), demoWithHistory(second, dataDir())]);
}, 120_000);

describe('the demo history', () => {
	it('is the same for the same seed and moment, in two databases', async () => {
		expect(firstResult.created).toBe(true);
		const [a, b] = await Promise.all([digest(first), digest(second)]);
		expect(a).toEqual(b);
		for (const [name, value] of Object.entries(a)) {
			expect(Number(value.split(':')[0]), `${name} has rows`).toBeGreaterThan(0);
		}
	});

	it('adds groups at different weeks of the course, one finished, each with 6 to 10 participants and its trainers', async () => {
		const groups = await rows<{
			name: string;
			held: number;
			ended: boolean;
			members: number;
			trainers: number;
		}>(
			first,
			sql`select g.name,
			           (select count(*)::int from group_session s where s.group_id = g.id and s.status = 'planned' and s.date <= '2026-12-02') as held,
			           g.end_date is not null and g.end_date < '2026-12-02' as ended,
			           (select count(*)::int from group_member m where m.group_id = g.id) as members,
			           (select count(*)::int from group_trainer t where t.group_id = g.id) as trainers
			    from course_group g where g.name in ${NAMES} order by g.name`
		);
		expect(groups).toHaveLength(4);
		expect(new Set(groups.map((group) => group.held)).size).toBe(4);
		expect(groups.filter((group) => group.ended)).toHaveLength(1);
		expect(Math.max(...groups.map((group) => group.held))).toBeGreaterThanOrEqual(30);
		expect(groups.some((group) => group.held >= 10 && group.held <= 13)).toBe(true);
		for (const group of groups) {
			expect(group.members).toBeGreaterThanOrEqual(6);
			expect(group.members).toBeLessThanOrEqual(10);
			expect(group.trainers).toBeGreaterThanOrEqual(2);
		}
		// Tom Trainer also trains the three-month group, so the demo trainer sees it.
		const tom = await one<{ groups: string[] }>(
			first,
			sql`select array_agg(g.name order by g.name) as groups from group_trainer t
			    join course_group g on g.id = t.group_id join person p on p.id = t.person_id
			    join "user" u on u.id = p.user_id where u.email = 'trainer@demo.herstelpad.example'`
		);
		expect(tom.groups).toEqual(['Herstelgroep Centrum', 'Herstelgroep Demo']);
	});

	it('has check-ins whose number per week and closeness vary, people who stop and people who come back', async () => {
		const perWeek = await rows<{ n: number }>(
			first,
			sql`select count(*)::int as n from check_in c join course_group g on g.id = c.group_id
			    where g.name = ${historyGroupName(2)} group by c.week_start`
		);
		expect(perWeek.length).toBeGreaterThanOrEqual(25);
		expect(new Set(perWeek.map((week) => week.n)).size).toBeGreaterThan(2);
		const closeness = await one<{ values: number }>(
			first,
			sql`select count(distinct c.closeness)::int as values from check_in c join course_group g on g.id = c.group_id
			    where g.name in ${NAMES}`
		);
		expect(closeness.values).toBe(5);
		// Per participant of the long groups: their last check-in and the longest gap between two.
		const shapes = await rows<{ last: string; latest: string; gap: number }>(
			first,
			sql`with c as (
			      select c.person_id, c.group_id, c.week_start,
			             c.week_start - lag(c.week_start) over (partition by c.person_id order by c.week_start) as gap
			      from check_in c join course_group g on g.id = c.group_id
			      where g.name in (${historyGroupName(1)}, ${historyGroupName(2)}, ${historyGroupName(3)}))
			    select max(week_start)::text as last,
			           (select max(week_start)::text from check_in x where x.group_id = c.group_id) as latest,
			           coalesce(max(gap), 0)::int as gap
			    from c group by person_id, group_id`
		);
		const stopped = shapes.filter(
			(shape) => Date.parse(shape.latest) - Date.parse(shape.last) >= 28 * 86_400_000
		);
		expect(stopped.length).toBeGreaterThan(0);
		expect(shapes.filter((shape) => shape.gap >= 21).length).toBeGreaterThan(0);
		const left = await one<{ n: number }>(
			first,
			sql`select count(*)::int as n from group_member m join course_group g on g.id = m.group_id
			    where g.name in ${NAMES} and m.left_at is not null`
		);
		expect(left.n).toBeGreaterThan(0);
	});

	it('keeps everything in the demo organisation and leaves other organisations alone', async () => {
		const outside = await one<{ people: number; groups: number }>(
			first,
			sql`select (select count(*)::int from person where organisation_id = ${otherOrganisation.id}) as people,
			           (select count(*)::int from course_group where organisation_id = ${otherOrganisation.id}) as groups`
		);
		expect(outside).toEqual({ people: 2, groups: 1 });
		// Every row that names a group or a person of a history group stays inside the demo organisation.
		const strays = await one<{ n: number }>(
			first,
			sql`with demo as (select id from organisation where slug = 'demo'),
			    hg as (select id from course_group where name in ${NAMES}),
			    hp as (select person_id as id from group_member where group_id in (select id from hg))
			    select (
			      (select count(*) from course_group where id in (select id from hg) and organisation_id not in (select id from demo))
			      + (select count(*) from person p where (p.id in (select id from hp)) and p.organisation_id not in (select id from demo))
			      + (select count(*) from group_trainer t join person p on p.id = t.person_id
			         where t.group_id in (select id from hg) and p.organisation_id not in (select id from demo))
			      + (select count(*) from check_in c join course_group g on g.id = c.group_id
			         where c.person_id in (select id from hp) and g.organisation_id not in (select id from demo))
			      + (select count(*) from message m join person a on a.id = m.author_person_id
			         where m.person_id in (select id from hp) and a.organisation_id not in (select id from demo))
			      + (select count(*) from help_request h join course_group g on g.id = h.group_id
			         where h.person_id in (select id from hp) and g.organisation_id not in (select id from demo))
			    )::int as n`
		);
		expect(strays.n).toBe(0);
		const names = await rows<{ name: string; email: string }>(
			first,
			sql`select p.display_name as name, u.email from person p join "user" u on u.id = p.user_id
			    where p.id in (select person_id from group_member m join course_group g on g.id = m.group_id where g.name in ${NAMES})`
		);
		for (const person of names) {
			expect(person.name).toMatch(/ \(demo\)$/);
			expect(person.email).toMatch(/@demo\.herstelpad\.example$/);
		}
	});

	it('adds nothing when run again, also by two at once', async () => {
		const before = await digest(first);
		const again = await Promise.all([seedDemoHistory(first, { now: NOW }), seedDemoHistory(first)]);
		expect(again.map((result) => result.created)).toEqual([false, false]);
		expect(await digest(first)).toEqual(before);
	});

	it('is quick at the default size', () => {
		// A generous bound (the measured figure is in BENCHMARKS.md): the first start must not wait long.
		expect(firstResult.participants).toBeGreaterThanOrEqual(24);
		expect(firstResult.ms).toBeLessThan(30_000);
	});

	it('takes its size as parameters, for the scale benchmark', async () => {
		const organisation = await buildOrganisation(second);
		const summary = await second.transaction((tx) =>
			generateHistory(tx, {
				organisationId: organisation.id,
				seed: 7,
				now: NOW,
				groups: 12,
				participantsPerGroup: 5,
				domain: 'size.example'
			})
		);
		expect(summary).toMatchObject({ groups: 12, participants: 60 });
		const counted = await one<{ groups: number; members: number }>(
			second,
			sql`select count(distinct g.id)::int as groups, count(m.person_id)::int as members
			    from course_group g left join group_member m on m.group_id = g.id where g.organisation_id = ${organisation.id}`
		);
		expect(counted).toEqual({ groups: 12, members: 60 });
	});
});
