/**
 * Lookups that run on every sign-in or page have an index. The queries are captured as the app's
 * own functions send them (a Drizzle logger) and EXPLAINed with sequential scans turned off, so a
 * plan names the index it would use or falls back to a scan we can see.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import {
	indexesIn,
	planOf as planFor,
	statementsOf as statementsSent,
	type Statement
} from '../../../../tests/helpers/plans';
import { accessLogOfParticipant } from '../audit/queries';
import { checkPassword } from '../auth/credentials';
import { groupsAtAGlance } from '../groups/glance';
import { trainerGroups } from '../groups/queries';
import { ensureShipped } from '../measures/definitions';
import { groupMeasureOverview, measureMeans, resultsOf } from '../measures/results';
import { groupUsage, organisationUsage } from '../usage/queries';
import { researchExport } from '../research/export';
import { createStudy, studies } from '../research/studies';
import type { Database, Db } from './client';
import { consent } from './schema';

let database: Database;
let db: Db;
let trainer: Actor;
let participant: Actor;
let coordinator: Actor;
let groupId: string;

const statementsOf = (work: (spy: Db) => Promise<unknown>) => statementsSent(database.pool, work);
const planOf = (statement: Statement) => planFor(database.pool, statement);

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	participant = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	groupId = (
		await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [participant] })
	).id;
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	// Enough other trainers, groups and log rows that a plan has something to choose between.
	for (let index = 0; index < 20; index++) {
		const other = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
		await buildGroup(db, { organisationId: org.id, trainers: [other] });
	}
	await db.execute(sql`
		insert into audit_event (event_type, action, outcome, participant_id, participant_ids)
		select 'organisation.people.read', 'R', 'success', gen_random_uuid(),
		       case when i % 10 = 0 then array(select gen_random_uuid() from generate_series(1, 50)) end
		from generate_series(1, 5000) i`);
	// Measures of other people, so that a plan by organisation alone would read many rows.
	await ensureShipped(db);
	await db.execute(sql`
		insert into questionnaire_response (organisation_id, questionnaire_id, purpose, subject_id, group_id, moment, status)
		select ${org.id}, (select id from questionnaire where organisation_id is null limit 1), 'imr_participant',
		       p.id, ${groupId}, m, 'completed'
		from person p cross join generate_series(0, 40) m
		where p.organisation_id = ${org.id} and p.id <> ${participant.personId}`);
	await db.execute(sql`analyze "user", account, group_trainer, audit_event, questionnaire_response`);
}, 120_000);

describe('indexes', () => {
	it('finds a sign-in email by lower(email), and refuses a second account differing only in case', async () => {
		const [lookup] = await statementsOf((spy) => checkPassword(spy, 'Someone@Example.org', 'wrong'));
		expect(lookup?.sql).toContain('lower("user"."email")');
		expect(indexesIn(await planOf(lookup ?? { sql: '', params: [] }))).toContain('user_email_lower_uq');
		await db.execute(sql`insert into "user" (id, name, email) values ('case-1', 'A', 'case@example.org')`);
		await expect(
			db.execute(sql`insert into "user" (id, name, email) values ('case-2', 'B', 'Case@Example.org')`)
		).rejects.toMatchObject({ cause: { code: '23505' } });
	});

	it("finds a trainer's groups by group_trainer(person_id)", async () => {
		const [groups] = await statementsOf((spy) => trainerGroups(spy, trainer));
		expect(groups?.sql).toContain('"group_trainer"."person_id" = $1');
		expect(indexesIn(await planOf(groups ?? { sql: '', params: [] }))).toContain('group_trainer_person_idx');
	});

	it("reads the group at a glance from each participant's own rows, never a whole table", async () => {
		const sent = await statementsOf((spy) => groupsAtAGlance(spy, trainer));
		const facts = sent.find((statement) => statement.sql.includes('practice_waiting'));
		const plan = await planOf(facts ?? { sql: '', params: [] });
		const used = indexesIn(plan);
		for (const index of ['audit_event_sign_in_idx', 'home_practice_answer_person_idx', 'message_thread_idx'])
			expect(used, `${index} in ${used.join(', ')}`).toContain(index);
		// This week's check-in: by person and week, or by group and week.
		expect(used.some((name) => name?.startsWith('check_in_'))).toBe(true);
		expect(plan).not.toContain('"Node Type":"Seq Scan"');
	});

	it("finds a participant's log rows by participant_id and by the lists that showed them", async () => {
		const [log] = await statementsOf((spy) =>
			accessLogOfParticipant(spy, participant, { page: 0, pageSize: 3 })
		);
		const used = indexesIn(await planOf(log ?? { sql: '', params: [] }));
		expect(used).toContain('audit_event_participant_idx');
		expect(used).toContain('audit_event_participant_ids_idx');
	});

	it("reads measures by the participant's, the group's and the organisation's own index", async () => {
		const [results] = await statementsOf((spy) =>
			resultsOf(spy, participant.organisationId!, participant.personId)
		);
		expect(indexesIn(await planOf(results!))).toContain('questionnaire_response_moment_uq');
		const overview = await statementsOf((spy) => groupMeasureOverview(spy, trainer, groupId));
		const responses = overview.find((statement) => statement.sql.includes('from "questionnaire_response"'));
		expect(indexesIn(await planOf(responses!))).toContain('questionnaire_response_group_idx');
		const means = await statementsOf((spy) => measureMeans(spy, coordinator, 0));
		const organisation = means.find(
			(statement) => statement.sql.includes('avg(') && statement.sql.includes('"organisation_id" = $')
		);
		// By organisation: (organisation, purpose, moment) or (organisation, updated_at), as the planner likes.
		const used = indexesIn(await planOf(organisation!));
		expect(used.some((name) => name?.startsWith('questionnaire_response_org_'))).toBe(true);
	});

	it("reads the use figures by the organisation's and the group's own indexes, never a whole table", async () => {
		const sent = [
			...(await statementsOf((spy) => organisationUsage(spy, coordinator, 0))),
			...(await statementsOf((spy) => groupUsage(spy, trainer, groupId)))
		];
		const used = new Set<string>();
		const scans: string[] = [];
		for (const statement of sent) {
			const plan = await planOf(statement);
			for (const name of indexesIn(plan)) if (name) used.add(name);
			for (const match of plan.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"([a-z_]+)"/g))
				scans.push(match[1]!);
		}
		for (const index of [
			'usage_event_org_kind_idx',
			'usage_event_group_kind_idx',
			'usage_event_first_visit_uq',
			'check_in_group_week_idx',
			'message_thread_idx',
			'why_not_answer_org_idx',
			'why_not_answer_group_idx',
			'step_progress_person_id_module_number_step_key_pk',
			'reminder_sent_person_id_group_id_week_start_pk',
			'help_request_group_idx',
			'home_practice_group_idx',
			'board_post_group_idx',
			'live_answer_person_idx',
			'recovery_goal_person_idx',
			'goal_step_person_idx'
		])
			expect([...used], index).toContain(index);
		// Only the small tables of the curriculum and the groups may be read whole.
		expect(
			scans.filter(
				(table) =>
					!['curriculum_module', 'curriculum_step', 'group_course', 'course_group', 'group_member'].includes(
						table
					)
			)
		).toEqual([]);
	});

	it("lists an organisation's studies by its own index, and exports each page of participants by theirs", async () => {
		const organisationId = coordinator.organisationId!;
		const researcher = await buildPerson(db, { organisationId, role: 'researcher' });
		const studyId = await createStudy(db, coordinator, 'Indexen', TEST_SECRET);
		const [list] = await statementsOf((spy) => studies(spy, researcher, 0));
		expect(indexesIn(await planOf(list!))).toContain('research_study_org_created_idx');
		for (let index = 0; index < 5; index++) {
			const one = await buildPerson(db, { organisationId, role: 'participant' });
			await db.insert(consent).values({ personId: one.personId, purpose: 'research', given: true });
		}
		const sent = await statementsOf((spy) => researchExport(spy, researcher, studyId, TEST_SECRET));
		const reads = sent.filter((statement) => statement.sql.includes('any('));
		expect(reads.length).toBe(6);
		for (const read of reads) {
			const plan = await planOf(read);
			expect(plan, read.sql).not.toContain('"Node Type":"Seq Scan"');
		}
		const measures = reads.find((statement) => statement.sql.includes('questionnaire_response'));
		expect(indexesIn(await planOf(measures!))).toContain('questionnaire_response_moment_uq');
	});
});
