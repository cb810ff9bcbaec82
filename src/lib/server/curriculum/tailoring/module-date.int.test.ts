/**
 * A module's date on the course page and a session's module on the session page are one fact: the
 * session's plan (group_session.module_number). Migration 0026 moved dates given before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
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
	for (const date of ['2026-12-03', '2026-12-10', '2026-12-17'])
		sessions[date] = (await buildSession(db, { groupId, date })).id;
});

describe('one plan for sessions and modules', () => {
	it('shows the module chosen for a session as the module’s date, and the other way round', async () => {
		await changeSession(db, trainer, groupId, sessions['2026-12-03']!, {
			kind: 'plan',
			moduleNumber: 1,
			topic: '',
			notes: ''
		});
		expect(await dateOf(1)).toBe('2026-12-03');

		expect(await setModuleDate(db, trainer, groupId, 2, '2026-12-10')).toBe('saved');
		expect(await moduleOn('2026-12-10')).toBe(2);
		expect(await dateOf(2)).toBe('2026-12-10');
		// Moved later: the module no longer starts at the earlier session.
		expect(await setModuleDate(db, trainer, groupId, 1, '2026-12-17')).toBe('saved');
		expect(await moduleOn('2026-12-03')).toBeNull();
		expect(await dateOf(1)).toBe('2026-12-17');
		// A day without a session is refused; no date takes the module off every session.
		expect(await setModuleDate(db, trainer, groupId, 3, '2026-12-11')).toBe('no_session');
		expect(await setModuleDate(db, trainer, groupId, 2, null)).toBe('saved');
		expect(await moduleOn('2026-12-10')).toBeNull();
		expect(await dateOf(2)).toBeNull();
	});

	it('moves dates given before to the session on that date, twice without harm', async () => {
		const drizzle = path.resolve(import.meta.dirname, '../../../../../drizzle');
		const file = fs.readdirSync(drizzle).find((name) => name.endsWith('_module_date_in_session_plan.sql'))!;
		const migration = fs.readFileSync(path.join(drizzle, file), 'utf8');
		// The column it reads is gone after the next migration: bring it back for this test only.
		await db.execute(sql`alter table group_module add column session_date date`);
		try {
			await db.execute(
				sql`update group_module set session_date = '2026-12-03' where group_id = ${groupId} and module_number = 3`
			);
			await db.execute(sql.raw(migration));
			await db.execute(sql.raw(migration));
			expect(await moduleOn('2026-12-03')).toBe(3);
		} finally {
			await db.execute(sql`alter table group_module drop column session_date`);
		}
	});
});
