/**
 * The people list of an organisation with 10,000 participants: a page is one bounded query on its
 * own index, and reading it writes one access-log row. Plans are checked with sequential scans
 * turned off, so the answer does not depend on the planner's guesses about a busy machine.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { accessLogOfParticipant } from '../audit/queries';
import type { Database, Db } from '../db/client';
import { auditEvent } from '../db/schema';
import {
	currentGroupsQuery,
	organisationPeoplePage,
	PEOPLE_COUNT_LIMIT,
	PEOPLE_PAGE_SIZE,
	peoplePageQuery,
	type PeopleFilter
} from './queries';

const PARTICIPANTS = 10_000;
const GROUPS = 200;

let database: Database;
let db: Db;
let coordinator: Actor;
let organisationId: string;

/** The plan of a query as JSON text, with sequential scans off (they remain possible, at a huge cost). */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
	const { sql: text, params } = query.toSQL();
	const client = await database.pool.connect();
	try {
		await client.query('begin');
		await client.query('set local enable_seqscan = off');
		const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, params);
		await client.query('rollback');
		return JSON.stringify(rows[0]?.['QUERY PLAN']);
	} finally {
		client.release();
	}
}

const usesIndex = (plan: string, index: string) => plan.includes(`"Index Name":"${index}"`);
const scansSequentially = (plan: string, table: string) =>
	new RegExp(`"Node Type":"Seq Scan"[^}]*"Relation Name":"${table}"`).test(plan);

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	const org = await buildOrganisation(db);
	organisationId = org.id;
	coordinator = await buildPerson(db, { organisationId, role: 'coordinator', name: 'Carla Coördinator' });
	// Bulk rows in SQL: 200 groups, 10,000 participants (every 100th turned off), one current
	// membership each and a past one for every tenth, as after a move.
	await db.execute(sql`
		insert into course_group (organisation_id, name, location, weekday, start_time, start_date)
		select ${organisationId}, 'Herstelgroep g' || g, 'Zaal', 2, '14:00', '2026-09-01'
		from generate_series(1, ${GROUPS}) g`);
	await db.execute(sql`
		insert into person (organisation_id, role, display_name, deactivated_at)
		select ${organisationId}, 'participant',
		       (array['Anna','Bram','Cor','Daan','Eva','Fleur','Gijs','Hanna','Ilse','Joost'])[i % 10 + 1]
		         || ' Achternaam' || i,
		       case when i % 100 = 0 then now() end
		from generate_series(1, ${PARTICIPANTS}) i`);
	await db.execute(sql`
		insert into group_member (group_id, person_id, left_at)
		select g.id, p.id, null
		from (select id, row_number() over (order by id) as n from person
		      where organisation_id = ${organisationId} and role = 'participant') p
		join (select id, row_number() over (order by id) as n from course_group
		      where organisation_id = ${organisationId}) g on g.n = p.n % ${GROUPS} + 1`);
	await db.execute(sql`
		insert into group_member (group_id, person_id, left_at)
		select g.id, m.person_id, now() - interval '30 days'
		from group_member m
		join course_group g on g.organisation_id = ${organisationId} and g.id <> m.group_id
		 and g.name = 'Herstelgroep g1'
		where m.group_id in (select id from course_group where organisation_id = ${organisationId})
		  and abs(hashtext(m.person_id::text)) % 10 = 0`);
	await db.execute(sql`analyze person, group_member, course_group`);
}, 120_000);

describe('the people list at 10,000 participants', () => {
	it('answers a page, a search and the last pages, and logs each page as one row', async () => {
		const before = await db.$count(
			auditEvent,
			and(
				eq(auditEvent.eventType, 'organisation.people.read'),
				eq(auditEvent.actorPersonId, coordinator.personId)
			)
		);
		const first = await organisationPeoplePage(db, coordinator, {});
		expect(first.people).toHaveLength(PEOPLE_PAGE_SIZE);
		expect(first).toMatchObject({ count: PEOPLE_COUNT_LIMIT, countIsMore: true, hasNext: true });
		expect(first.people.every((p) => p.groupName?.startsWith('Herstelgroep g'))).toBe(true);
		const after = await db.$count(
			auditEvent,
			and(
				eq(auditEvent.eventType, 'organisation.people.read'),
				eq(auditEvent.actorPersonId, coordinator.personId)
			)
		);
		expect(after).toBe(before + 1);
		const [row] = await db
			.select({ ids: auditEvent.participantIds })
			.from(auditEvent)
			.where(eq(auditEvent.actorPersonId, coordinator.personId))
			.orderBy(sql`${auditEvent.id} desc`)
			.limit(1);
		expect(row?.ids).toHaveLength(PEOPLE_PAGE_SIZE);

		const found = await organisationPeoplePage(db, coordinator, { name: 'achternaam9999' });
		expect(found.people.map((p) => p.displayName)).toEqual(['Joost Achternaam9999']);
		const group = await organisationPeoplePage(db, coordinator, { group: 'g17', status: 'inactive' });
		expect(group.people.length).toBeGreaterThan(0);
		expect(group.people.every((p) => !p.active && /^Herstelgroep g17\d?$/.test(p.groupName ?? ''))).toBe(
			true
		);

		// Backwards from the coordinator (the very end of the list) gives the last participants.
		const last = await organisationPeoplePage(db, coordinator, { before: coordinator.personId });
		expect(last.people).toHaveLength(PEOPLE_PAGE_SIZE);
		expect(last).toMatchObject({ hasPrevious: true, hasNext: true });

		const shown = first.people[0]?.id ?? '';
		const { rows } = await accessLogOfParticipant(
			db,
			{ ...coordinator, role: 'participant', personId: shown },
			{ page: 0, pageSize: 3 }
		);
		expect(rows[0]?.eventType).toBe('organisation.people.read');
	});

	it('reads every filter from its own index', async () => {
		const plan = (filter: PeopleFilter) => planOf(peoplePageQuery(db, organisationId, filter, null));
		const all = await plan({});
		expect(usesIndex(all, 'person_people_list_idx')).toBe(true);
		expect(usesIndex(await plan({ role: 'trainer' }), 'person_people_list_idx')).toBe(true);
		expect(usesIndex(await plan({ status: 'inactive' }), 'person_people_inactive_idx')).toBe(true);
		expect(usesIndex(await plan({ name: 'achternaam1234' }), 'person_name_search_idx')).toBe(true);
		const byGroup = await plan({ group: 'g123' });
		expect(usesIndex(byGroup, 'course_group_name_search_idx')).toBe(true);
		expect(scansSequentially(byGroup, 'group_member')).toBe(false);
		const cursor = { role: 'participant' as const, sortName: 'hanna achternaam7', id: coordinator.personId };
		const next = await planOf(peoplePageQuery(db, organisationId, {}, cursor));
		expect(next).toMatch(/"Index Cond":"[^"]*ROW\(/);
		expect(usesIndex(next, 'person_people_list_idx')).toBe(true);

		const shown = (await organisationPeoplePage(db, coordinator, {})).people.map((p) => p.id);
		const groups = await planOf(currentGroupsQuery(db, shown));
		expect(usesIndex(groups, 'group_member_person_idx')).toBe(true);
		for (const text of [all, byGroup, groups]) {
			expect(scansSequentially(text, 'person')).toBe(false);
			expect(scansSequentially(text, 'group_member')).toBe(false);
		}
	});
});
