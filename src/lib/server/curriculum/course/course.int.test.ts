import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { NotFound } from '../../errors';
import { auditEvent, curriculumVersion, exerciseAnswer } from '../../db/schema';
import { mediaForActor } from '../../media/queries';
import { participantCourse, participantModule, participantStep } from './queries';
import { saveStep } from './commands';
import { importStarterCurriculum, importStarterCurricula } from '../import';
import { groupCourseForTrainer, groupProgress, participantAnswers } from '../tailoring/queries';
import { moveModule, setModuleState, setStepHidden } from '../tailoring/commands';

let db: Db;
let dataDir: string;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let outsider: Actor;
let annaGroup: { id: string };
let bramGroup: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-course-'));
	const org = await buildOrganisation(db);
	const otherOrg = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	outsider = await buildPerson(db, { organisationId: otherOrg.id, role: 'trainer' });
	annaGroup = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	bramGroup = await buildGroup(db, {
		organisationId: org.id,
		trainers: [otherTrainer],
		participants: [bram]
	});
	await importStarterCurricula(db, dataDir);
});

describe('the starter curriculum import', () => {
	it('gives every organisation version 1, once, with the sample video copied under DATA_DIR', async () => {
		const versions = await db
			.select()
			.from(curriculumVersion)
			.where(eq(curriculumVersion.organisationId, anna.organisationId!));
		expect(versions).toHaveLength(1);
		expect(versions[0]).toMatchObject({ number: 1 });
		expect(versions[0]?.publishedAt).not.toBeNull();
		expect(await importStarterCurriculum(db, dataDir, anna.organisationId!)).toBe(false);
		expect(fs.readdirSync(path.join(dataDir, 'media')).some((name) => name.endsWith('.webm'))).toBe(true);
	});
});

describe('a participant reading', () => {
	it('sees module 1 open and the others coming, by default', async () => {
		const course = await participantCourse(db, anna, 'nl');
		expect(course?.modules).toHaveLength(11);
		expect(course?.modules[0]).toMatchObject({ number: 1, state: 'open', status: 'new' });
		expect(course?.modules.slice(1).every((module) => module.status === 'not_open')).toBe(true);
	});

	it('reads a step of an open module (marked seen), and gets nothing from a module not open', async () => {
		const step = await participantStep(db, anna, 1, '01-wat-is-herstel', 'en');
		expect(step).toMatchObject({ index: 0, total: 5, previous: null, next: '02-het-verhaal-van-sam' });
		expect(step?.bodyHtml).toContain('<p>');
		expect((await participantModule(db, anna, 1, 'nl'))?.status).toBe('current');
		await expect(participantStep(db, anna, 2, '01-je-bent-niet-de-enige', 'nl')).rejects.toThrow(NotFound);
		await expect(participantStep(db, anna, 1, '99-bestaat-niet', 'nl')).rejects.toThrow(NotFound);
		await expect(participantModule(db, anna, 2, 'nl')).rejects.toThrow(NotFound);
	});

	it('saves an answer (logged) and finishes a step, only where the step asks something', async () => {
		expect(
			await saveStep(db, anna, {
				moduleNumber: 1,
				key: '03-wat-geeft-jou-hoop',
				answer: 'Mijn hond',
				finish: false
			})
		).toEqual({
			next: '04-vraag-naar-je-sterke-kanten'
		});
		await saveStep(db, anna, {
			moduleNumber: 1,
			key: '01-wat-is-herstel',
			answer: 'niet bewaren',
			finish: true
		});
		const answers = await db.select().from(exerciseAnswer).where(eq(exerciseAnswer.personId, anna.personId));
		expect(answers.map((row) => [row.stepKey, row.answer])).toEqual([['03-wat-geeft-jou-hoop', 'Mijn hond']]);
		expect((await participantStep(db, anna, 1, '03-wat-geeft-jou-hoop', 'nl'))?.answer).toBe('Mijn hond');
		const logged = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.participantId, anna.personId), eq(auditEvent.eventType, 'curriculum.answer_save'))
			);
		expect(logged).toHaveLength(1);
		await expect(
			saveStep(db, bram, { moduleNumber: 2, key: '01-je-bent-niet-de-enige', finish: true })
		).rejects.toThrow(NotFound);
	});
});

describe('a trainer tailoring the course', () => {
	it('opens, closes and reorders modules for their own group only', async () => {
		expect(await setModuleState(db, trainer, annaGroup.id, 2, 'open')).toBe('coming');
		await expect(setModuleState(db, otherTrainer, annaGroup.id, 2, 'closed')).rejects.toThrow(NotFound);
		await expect(setModuleState(db, outsider, annaGroup.id, 2, 'closed')).rejects.toThrow(NotFound);
		await moveModule(db, trainer, annaGroup.id, 2, 'up');
		const course = await participantCourse(db, anna, 'nl');
		expect(course?.modules.slice(0, 2).map((m) => [m.number, m.state])).toEqual([
			[2, 'open'],
			[1, 'open']
		]);
		expect(await participantStep(db, anna, 2, '01-je-bent-niet-de-enige', 'nl')).toMatchObject({
			key: '01-je-bent-niet-de-enige'
		});
		// Bram's group is untouched.
		expect((await participantCourse(db, bram, 'nl'))?.modules[1]?.state).toBe('coming');
	});

	it('hides a step: the participant no longer sees it and steps are counted without it', async () => {
		await setStepHidden(db, trainer, annaGroup.id, 1, '04-vraag-naar-je-sterke-kanten', true);
		await expect(participantStep(db, anna, 1, '04-vraag-naar-je-sterke-kanten', 'nl')).rejects.toThrow(
			NotFound
		);
		expect((await participantStep(db, anna, 1, '03-wat-geeft-jou-hoop', 'nl'))?.next).toBe('05-deze-week');
		const tailored = await groupCourseForTrainer(db, trainer, annaGroup.id, 'nl');
		expect(tailored?.modules.find((m) => m.number === 1)?.steps.filter((s) => s.hidden)).toHaveLength(1);
		await setStepHidden(db, trainer, annaGroup.id, 1, '04-vraag-naar-je-sterke-kanten', false);
		expect(await participantStep(db, anna, 1, '04-vraag-naar-je-sterke-kanten', 'nl')).toMatchObject({
			key: '04-vraag-naar-je-sterke-kanten'
		});
	});

	it('closing a module takes it away from the participant', async () => {
		await setModuleState(db, trainer, annaGroup.id, 2, 'closed');
		const course = await participantCourse(db, anna, 'nl');
		expect(course?.modules.some((m) => m.number === 2)).toBe(false);
		await expect(participantStep(db, anna, 2, '01-je-bent-niet-de-enige', 'nl')).rejects.toThrow(NotFound);
	});

	it('sees progress per module in counts and each read is logged per participant', async () => {
		const grid = await groupProgress(db, trainer, annaGroup.id, 'nl');
		expect(grid?.participants.map((p) => p.displayName)).toEqual(['Anna']);
		expect(grid?.modules.find((m) => m.number === 1)).toMatchObject({ startedBy: 1, finishedBy: 0 });
		await expect(groupProgress(db, otherTrainer, annaGroup.id, 'nl')).rejects.toThrow(NotFound);
		const logged = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.participantId, anna.personId), eq(auditEvent.eventType, 'curriculum.progress.read'))
			);
		expect(logged.length).toBeGreaterThan(0);
	});

	it('reads a participant’s answers (logged), never those of another group', async () => {
		const answers = await participantAnswers(db, trainer, annaGroup.id, anna.personId, 'nl');
		expect(answers?.answers.map((a) => a.answer)).toEqual(['Mijn hond']);
		await expect(participantAnswers(db, trainer, annaGroup.id, bram.personId, 'nl')).rejects.toThrow(
			NotFound
		);
		await expect(participantAnswers(db, otherTrainer, annaGroup.id, anna.personId, 'nl')).rejects.toThrow(
			NotFound
		);
		const logged = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.participantId, anna.personId), eq(auditEvent.eventType, 'curriculum.answers.read'))
			);
		expect(logged).toHaveLength(1);
		expect(logged[0]?.actorPersonId).toBe(trainer.personId);
	});
});

describe('who may see a video', () => {
	it('participants whose group has its module open, and staff of the organisation only', async () => {
		const step = await participantStep(db, anna, 1, '02-het-verhaal-van-sam', 'nl');
		const mediaId = step!.video!.id;
		expect(await mediaForActor(db, anna, mediaId)).toMatchObject({ videoType: 'video/webm' });
		expect(await mediaForActor(db, trainer, mediaId)).toMatchObject({ videoType: 'video/webm' });
		await expect(mediaForActor(db, outsider, mediaId)).rejects.toThrow(NotFound);
		await setModuleState(db, otherTrainer, bramGroup.id, 1, 'closed');
		await expect(mediaForActor(db, bram, mediaId)).rejects.toThrow(NotFound);
		await setStepHidden(db, trainer, annaGroup.id, 1, '02-het-verhaal-van-sam', true);
		await expect(mediaForActor(db, anna, mediaId)).rejects.toThrow(NotFound);
		await expect(mediaForActor(db, anna, 'not-a-uuid')).rejects.toThrow(NotFound);
	});
});
