/**
 * A module's date on the course page and a session's module on the session page are one fact: the
 * session's plan (group_session.module_number). Migration 0026 moved dates given before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { addDays, local } from '$lib/domain/schedule';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import {
	buildCurriculum,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession
} from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import { changeSession } from '../../calendar/group-calendar/commands';
import type { Db } from '../../db/client';
import { groupSession } from '../../db/schema';
import { setModuleDate } from './commands';
import { groupCourseForTrainer } from './queries';

let db: Db;
let trainer: Actor;
let groupId: string;
const sessions: Record<string, string> = {};
// Sessions from tomorrow on (a module's date changes only sessions from today on), and one held a week ago.
const today = local(new Date()).date;
const [PAST, D1, D2, D3, OFF] = [-7, 1, 8, 15, 9].map((days) => addDays(today, days)) as [
	string,
	string,
	string,
	string,
	string
];

const dateOf = async (number: number) =>
	(await groupCourseForTrainer(db, trainer, groupId, 'nl')).modules.find((module) => module.number === number)
		?.sessionDate ?? null;
const moduleOn = async (date: string) =>
	(await db.select().from(groupSession).where(eq(groupSession.id, sessions[date]!)))[0]?.moduleNumber ?? null;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	groupId = (await buildGroup(db, { organisationId: org.id, trainers: [trainer] })).id;
	await buildCurriculum(db, { organisationId: org.id, modules: 3, groups: [groupId] });
	await groupCourseForTrainer(db, trainer, groupId, 'nl');
	for (const date of [PAST, D1, D2, D3]) sessions[date] = (await buildSession(db, { groupId, date })).id;
});

describe('one plan for sessions and modules', () => {
	it('shows the module chosen for a session as the module’s date, and the other way round', async () => {
		await changeSession(db, trainer, groupId, sessions[D1]!, {
			kind: 'plan',
			moduleNumber: 1,
			topic: '',
			notes: ''
		});
		expect(await dateOf(1)).toBe(D1);

		expect(await setModuleDate(db, trainer, groupId, 2, D2)).toBe('saved');
		expect(await moduleOn(D2)).toBe(2);
		expect(await dateOf(2)).toBe(D2);
		// Moved later: the module no longer starts at the earlier session.
		expect(await setModuleDate(db, trainer, groupId, 1, D3)).toBe('saved');
		expect(await moduleOn(D1)).toBeNull();
		expect(await dateOf(1)).toBe(D3);
		// A session that was held keeps its plan.
		await changeSession(db, trainer, groupId, sessions[PAST]!, {
			kind: 'plan',
			moduleNumber: 2,
			topic: '',
			notes: ''
		});
		// A day without a session is refused; no date takes the module off every session from today on.
		expect(await setModuleDate(db, trainer, groupId, 3, OFF)).toBe('no_session');
		expect(await setModuleDate(db, trainer, groupId, 2, null)).toBe('saved');
		expect(await moduleOn(D2)).toBeNull();
		expect(await moduleOn(PAST)).toBe(2);
	});

	it('moves dates given before to the session on that date, twice without harm', async () => {
		const drizzle = path.resolve(import.meta.dirname, '../../../../../drizzle');
		const file = fs.readdirSync(drizzle).find((name) => name.endsWith('_module_date_in_session_plan.sql'))!;
		const migration = fs.readFileSync(path.join(drizzle, file), 'utf8');
		// The column it reads is gone after the next migration: bring it back for this test only.
		await db.execute(sql`alter table group_module add column session_date date`);
		try {
			await db.execute(
				sql`update group_module set session_date = ${D1} where group_id = ${groupId} and module_number = 3`
			);
			await db.execute(sql.raw(migration));
			await db.execute(sql.raw(migration));
			expect(await moduleOn(D1)).toBe(3);
		} finally {
			await db.execute(sql`alter table group_module drop column session_date`);
		}
	});
});
