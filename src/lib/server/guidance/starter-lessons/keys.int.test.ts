/** Finished starter lessons are stored under English keys; rows from before migration 0025 are moved. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { digitalIntake, starterLessonDone } from '../../db/schema';
import { finishLesson } from './commands';
import { lessonsDone, starterLessonsOffered } from './queries';

let db: Db;
let anna: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant' });
});

describe('starter lessons done', () => {
	it('moves rows stored under the Dutch URL words to the lessons’ keys, twice without harm', async () => {
		await db.insert(starterLessonDone).values([
			{ personId: anna.personId, lesson: 'inloggen' },
			{ personId: anna.personId, lesson: 'naar-home' },
			{ personId: anna.personId, lesson: 'video' }
		]);
		const drizzle = path.resolve(import.meta.dirname, '../../../../../drizzle');
		const file = fs.readdirSync(drizzle).find((name) => name.endsWith('_starter_lesson_keys.sql'))!;
		const migration = fs.readFileSync(path.join(drizzle, file), 'utf8');
		await db.execute(sql.raw(migration));
		await db.execute(sql.raw(migration));
		expect((await lessonsDone(db, anna.personId)).sort()).toEqual(['home', 'sign-in', 'video']);

		// The last lesson, finished by its key: nothing is offered any more after a guided intake.
		await db.insert(digitalIntake).values({
			personId: anna.personId,
			device: 'smartphone',
			internetAtHome: true,
			hasEmail: false,
			confidence: 2,
			helpWanted: true,
			path: 'guided'
		});
		expect(await starterLessonsOffered(db, anna.personId)).toBe(true);
		await finishLesson(db, anna, 'check-in');
		expect(await starterLessonsOffered(db, anna.personId)).toBe(false);
		await expect(finishLesson(db, anna, 'inloggen')).rejects.toMatchObject({ name: 'NotFound' });
	});
});
