/**
 * The printed workbook and the paper answers (issue 18, item 9): what the workbook holds (goal and
 * steps, check-ins, the open modules' texts with the participant's answers), who may print it (the
 * participant, a trainer of their group now — not another participant, another group's trainer,
 * another organisation's, or a coordinator), one access-log row per print; a trainer typing in an
 * answer from paper, recorded as a write on the participant's behalf, shown as "ingevuld door" until
 * the participant changes it themselves.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson
} from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { saveStep } from '../curriculum/course/commands';
import { participantStep } from '../curriculum/course/queries';
import { enterPaperAnswer } from '../curriculum/paper/commands';
import { paperAnswerSheet } from '../curriculum/paper/queries';
import type { Db } from '../db/client';
import { auditEvent, curriculumStep, exerciseAnswer, groupModule } from '../db/schema';
import { NotFound } from '../errors';
import { workbookContent } from './pdf/content';
import { workbookPrintFor } from './queries';

let db: Db;
let trainer: Actor;
let coordinator: Actor;
let anna: Actor;
let bram: Actor;
let otherTrainer: Actor;
let strangerTrainer: Actor;
let group: { id: string };
let otherGroup: { id: string };

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara Trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Werkboek' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	otherGroup = await buildGroup(db, {
		organisationId: org.id,
		trainers: [otherTrainer],
		participants: [await buildPerson(db, { organisationId: org.id, role: 'participant' })]
	});
	const stranger = await buildOrganisation(db);
	strangerTrainer = await buildPerson(db, { organisationId: stranger.id, role: 'trainer' });
	await buildGroup(db, { organisationId: stranger.id, trainers: [strangerTrainer], participants: [] });

	// Modules 1 and 2 open, 3 coming; step 2 of each module asks something.
	const curriculum = await buildCurriculum(db, {
		organisationId: org.id,
		modules: 3,
		stepsPerModule: 2,
		groups: [group.id]
	});
	for (const module of curriculum.modules)
		await db
			.update(curriculumStep)
			.set({
				kind: 'exercise',
				question: {
					nl: `Wat neem je mee uit module ${module.number}?`,
					en: `What do you take from module ${module.number}?`
				},
				body: { nl: 'Denk **even** na.\n\n- over vandaag\n- over morgen', en: 'Think for a **moment**.' }
			})
			.where(and(eq(curriculumStep.moduleId, module.id), eq(curriculumStep.key, `${module.number}-stap-2`)));
	await db
		.update(groupModule)
		.set({ state: 'open' })
		.where(and(eq(groupModule.groupId, group.id), eq(groupModule.moduleNumber, 2)));

	const goal = await buildGoal(db, {
		participant: anna,
		text: 'Weer elke week zwemmen',
		why: 'Dan slaap ik beter',
		lifeArea: 'health',
		step: 'Zwemspullen klaarleggen'
	});
	for (const [index, closeness] of [2, 3, 4].entries())
		await buildCheckIn(db, {
			participant: anna,
			groupId: group.id,
			weekStart: `2026-01-${String(5 + 7 * index).padStart(2, '0')}`,
			closeness,
			worked: 'a_bit',
			goalId: goal.goalId,
			stepId: goal.stepId
		});
});

const prints = async (participant: Actor) =>
	db
		.select()
		.from(auditEvent)
		.where(
			and(eq(auditEvent.participantId, participant.personId), eq(auditEvent.eventType, 'workbook.print'))
		);

describe('what the workbook holds', () => {
	it("is the participant's goal and steps, check-ins and the open modules, in their language", async () => {
		const content = await workbookContent(db, anna, anna.personId, 'nl');
		expect(content.participant.name).toBe('Anna Werkboek');
		expect(content.printedBy).toBeNull();
		expect(content.goals).toEqual([
			expect.objectContaining({
				text: 'Weer elke week zwemmen',
				why: 'Dan slaap ik beter',
				lifeArea: 'health',
				isCurrent: true,
				steps: [expect.objectContaining({ text: 'Zwemspullen klaarleggen', status: 'open' })]
			})
		]);
		expect(content.checkIns).toEqual([
			{ weekStart: '2026-01-05', worked: 'a_bit', closeness: 2 },
			{ weekStart: '2026-01-12', worked: 'a_bit', closeness: 3 },
			{ weekStart: '2026-01-19', worked: 'a_bit', closeness: 4 }
		]);
		// Module 3 is coming, not open: not in the workbook.
		expect(content.modules.map((module) => module.number)).toEqual([1, 2]);
		expect(content.modules[0]!.steps.map((step) => [step.key, step.kind, step.question])).toEqual([
			['1-stap-1', 'text', null],
			['1-stap-2', 'exercise', 'Wat neem je mee uit module 1?']
		]);
		expect(content.modules[0]!.steps[1]!.body).toContain('Denk **even** na.');

		const english = await workbookContent(db, anna, anna.personId, 'en');
		expect(english.modules[0]!.steps[1]!.question).toBe('What do you take from module 1?');
	});

	it('is printed by a trainer of the group for a participant, named as printed by them', async () => {
		const content = await workbookContent(db, trainer, anna.personId, 'nl', {
			inGroup: { groupId: group.id }
		});
		expect(content.printedBy).toBe('Tamara Trainer');
		expect(content.goals[0]?.text).toBe('Weer elke week zwemmen');
		expect(await workbookPrintFor(db, trainer, group.id, anna.personId)).toEqual({
			group: expect.objectContaining({ id: group.id }),
			participant: { id: anna.personId, displayName: 'Anna Werkboek' }
		});
	});
});

describe('who may print it', () => {
	it('writes one access-log row per print, naming who printed whose workbook', async () => {
		const before = (await prints(anna)).length;
		await workbookContent(db, anna, anna.personId, 'nl');
		await workbookContent(db, trainer, anna.personId, 'en', { inGroup: { groupId: group.id } });
		const rows = (await prints(anna)).slice(before);
		expect(rows.map((row) => [row.actorPersonId, row.action, row.outcome, row.objectType])).toEqual([
			[anna.personId, 'E', 'success', 'workbook'],
			[trainer.personId, 'E', 'success', 'workbook']
		]);
	});

	it("refuses another participant, another group's or organisation's trainer and the coordinator: NotFound, logged, no print", async () => {
		const before = (await prints(anna)).length;
		for (const stranger of [bram, otherTrainer, strangerTrainer, coordinator]) {
			await expect(workbookContent(db, stranger, anna.personId, 'nl')).rejects.toThrow(NotFound);
			const [refusal] = await db
				.select()
				.from(auditEvent)
				.where(
					and(
						eq(auditEvent.actorPersonId, stranger.personId),
						eq(auditEvent.eventType, 'access.denied'),
						eq(auditEvent.objectId, anna.personId)
					)
				);
			expect(refusal?.outcome).toBe('failure');
		}
		// The trainer's own group in the URL only, and only for a participant in it now.
		await expect(
			workbookContent(db, trainer, anna.personId, 'nl', { inGroup: { groupId: otherGroup.id } })
		).rejects.toThrow(NotFound);
		await expect(
			workbookContent(db, otherTrainer, anna.personId, 'nl', { inGroup: { groupId: otherGroup.id } })
		).rejects.toThrow(NotFound);
		await expect(workbookPrintFor(db, otherTrainer, otherGroup.id, anna.personId)).rejects.toThrow(NotFound);
		await expect(workbookContent(db, anna, 'geen-id', 'nl')).rejects.toThrow(NotFound);
		expect((await prints(anna)).length).toBe(before);
	});
});

describe('paper answers', () => {
	const step = { moduleNumber: 1, stepKey: '1-stap-2' };
	const answerRow = async () =>
		(
			await db
				.select()
				.from(exerciseAnswer)
				.where(
					and(
						eq(exerciseAnswer.personId, anna.personId),
						eq(exerciseAnswer.moduleNumber, 1),
						eq(exerciseAnswer.stepKey, '1-stap-2')
					)
				)
		)[0];

	it("lists the open modules' questions for the trainer, logged as a read of the answers", async () => {
		const sheet = await paperAnswerSheet(db, trainer, group.id, anna.personId, 'nl');
		expect(sheet.participant.displayName).toBe('Anna Werkboek');
		expect(
			sheet.modules.map((module) => [module.number, module.steps.map((s) => [s.key, s.question])])
		).toEqual([
			[1, [['1-stap-2', 'Wat neem je mee uit module 1?']]],
			[2, [['2-stap-2', 'Wat neem je mee uit module 2?']]]
		]);
		const [read] = await db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.actorPersonId, trainer.personId),
					eq(auditEvent.eventType, 'curriculum.answers.read'),
					eq(auditEvent.participantId, anna.personId)
				)
			);
		expect(read).toBeDefined();
	});

	it("saves a trainer's answer as the participant's, entered by the trainer, recorded on their behalf", async () => {
		await enterPaperAnswer(db, trainer, group.id, anna.personId, { ...step, answer: 'Rust nemen.' });
		expect(await answerRow()).toMatchObject({ answer: 'Rust nemen.', enteredByPersonId: trainer.personId });
		const [write] = await db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.actorPersonId, trainer.personId),
					eq(auditEvent.eventType, 'curriculum.answer_save')
				)
			);
		expect(write).toMatchObject({
			action: 'U',
			participantId: anna.personId,
			onBehalfOfPersonId: anna.personId,
			objectType: 'step',
			objectId: '1/1-stap-2'
		});

		// The participant sees it marked, on the step and in the workbook; so does the sheet.
		const seen = await participantStep(db, anna, 1, '1-stap-2', 'nl');
		expect([seen.answer, seen.answerEnteredBy]).toEqual(['Rust nemen.', 'Tamara Trainer']);
		const content = await workbookContent(db, anna, anna.personId, 'nl');
		expect(content.modules[0]!.steps[1]!.answer).toMatchObject({
			text: 'Rust nemen.',
			enteredBy: 'Tamara Trainer'
		});
		const sheet = await paperAnswerSheet(db, trainer, group.id, anna.personId, 'nl');
		expect(sheet.modules[0]!.steps[0]).toMatchObject({ answer: 'Rust nemen.', enteredBy: 'Tamara Trainer' });
	});

	it('stays marked when the participant only goes on, and becomes theirs when they change it', async () => {
		await enterPaperAnswer(db, trainer, group.id, anna.personId, { ...step, answer: 'Rust nemen.' });
		await saveStep(db, anna, { ...step, key: step.stepKey, answer: 'Rust nemen.', finish: true });
		expect((await answerRow())?.enteredByPersonId).toBe(trainer.personId);
		await saveStep(db, anna, {
			...step,
			key: step.stepKey,
			answer: 'Rust nemen en wandelen.',
			finish: false
		});
		expect(await answerRow()).toMatchObject({ answer: 'Rust nemen en wandelen.', enteredByPersonId: null });
		expect((await participantStep(db, anna, 1, '1-stap-2', 'nl')).answerEnteredBy).toBeNull();
	});

	it('refuses a step that asks nothing or is not open, and anyone but a trainer of the group', async () => {
		for (const asked of [
			{ moduleNumber: 1, stepKey: '1-stap-1' },
			{ moduleNumber: 3, stepKey: '3-stap-2' },
			{ moduleNumber: 1, stepKey: '9-bestaat-niet' }
		])
			await expect(
				enterPaperAnswer(db, trainer, group.id, anna.personId, { ...asked, answer: 'x' })
			).rejects.toThrow(NotFound);
		for (const [actor, groupId] of [
			[otherTrainer, otherGroup.id],
			[otherTrainer, group.id],
			[strangerTrainer, group.id],
			[coordinator, group.id],
			[bram, group.id]
		] as const) {
			await expect(
				enterPaperAnswer(db, actor, groupId, anna.personId, { ...step, answer: 'Niet van mij.' })
			).rejects.toThrow(NotFound);
			await expect(paperAnswerSheet(db, actor, groupId, anna.personId, 'nl')).rejects.toThrow(NotFound);
		}
		expect((await answerRow())?.answer).toBe('Rust nemen en wandelen.');
	});
});
