import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { NotFound } from '../errors';
import { auditEvent, checkIn, checkInDraft, goalStep } from '../db/schema';
import { checkInContext, currentGoalAndStep, saveAnswer, submitCheckIn } from './check-in';
import { addStep, changeGoal, createGoal, makeCurrentGoal } from './commands';
import { goalsOf, loadGoals } from './queries';
import { groupWeek, participantGoalsForTrainer } from './trainer';

let db: Db;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let outsider: Actor;
let group: { id: string };
let swimming: string;
let organisationId: string;

// The builders' group meets on Tuesdays at 14:00 from 1 September 2026 (Amsterdam time).
const inWeek = (date: string, time = '18:00') => new Date(`${date}T${time}:00+01:00`);

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	organisationId = org.id;
	const otherOrg = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tess Trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	outsider = await buildPerson(db, { organisationId: otherOrg.id, role: 'trainer' });
	group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] });
});

describe('recovery goals', () => {
	it('makes the newest goal "my goal now" and keeps the earlier one', async () => {
		const first = await createGoal(db, anna, anna.personId, {
			lifeArea: 'work',
			text: 'Twee ochtenden werken',
			why: ''
		});
		const second = (swimming = (await createGoal(db, anna, anna.personId, {
			lifeArea: 'leisure',
			text: 'Weer zwemmen',
			why: 'Ik word er rustig van',
			step: 'Zwembad bellen',
			targetWeek: '2026-12-08'
		}))!);
		const goals = await loadGoals(db, anna.personId);
		expect(goals.map((goal) => [goal.id, goal.isCurrent])).toEqual([
			[second, true],
			[first, false]
		]);
		expect(goals[0]?.steps).toMatchObject([
			{ text: 'Zwembad bellen', targetWeek: '2026-12-08', status: 'open' }
		]);
		expect(goals[0]?.addedBy).toBeNull();
	});

	it('never overwrites: a change keeps the text before and the reason; a closed goal changes no more', async () => {
		const id = (await createGoal(db, anna, anna.personId, {
			lifeArea: 'health',
			text: 'Elke dag wandelen',
			why: ''
		}))!;
		expect(await changeGoal(db, anna, id, { change: 'edit', text: 'Drie keer per week wandelen' })).toBe(
			'needs-reason'
		);
		expect(
			await changeGoal(db, anna, id, {
				change: 'edit',
				text: 'Drie keer per week wandelen',
				reason: 'Elke dag is te veel'
			})
		).toBe('done');
		expect(await changeGoal(db, anna, id, { change: 'stop' })).toBe('needs-reason');
		expect(await changeGoal(db, anna, id, { change: 'reach' })).toBe('done');
		expect(await changeGoal(db, anna, id, { change: 'edit', text: 'Nog iets', reason: 'x' })).toBe('refused');
		expect(await makeCurrentGoal(db, anna, id)).toBe('refused');
		expect(await makeCurrentGoal(db, anna, swimming)).toBe('done');
		const goal = (await loadGoals(db, anna.personId)).find((candidate) => candidate.id === id)!;
		expect(goal).toMatchObject({ text: 'Drie keer per week wandelen', status: 'reached', isCurrent: false });
		expect(goal.history.map((event) => [event.kind, event.before, event.after, event.reason])).toEqual([
			['created', null, 'Elke dag wandelen', null],
			['changed', 'Elke dag wandelen', 'Drie keer per week wandelen', 'Elke dag is te veel'],
			['reached', 'Drie keer per week wandelen', null, null]
		]);
	});

	it("lets the group's trainer write for a participant, shown as added by them and logged; nobody else", async () => {
		const id = await createGoal(db, trainer, bram.personId, {
			lifeArea: 'housing',
			text: 'Zelfstandig wonen',
			why: ''
		});
		expect(id).not.toBeNull();
		const [goal] = await loadGoals(db, bram.personId);
		expect(goal?.addedBy).toBe('Tess Trainer');
		await expect(
			createGoal(db, otherTrainer, bram.personId, { lifeArea: 'work', text: 'x', why: '' })
		).rejects.toThrow(NotFound);
		await expect(
			createGoal(db, outsider, bram.personId, { lifeArea: 'work', text: 'x', why: '' })
		).rejects.toThrow(NotFound);
		await expect(
			createGoal(db, anna, bram.personId, { lifeArea: 'work', text: 'x', why: '' })
		).rejects.toThrow(NotFound);
		await expect(goalsOf(db, otherTrainer, bram.personId)).rejects.toThrow(NotFound);
		await expect(participantGoalsForTrainer(db, otherTrainer, group.id, bram.personId)).rejects.toThrow(
			NotFound
		);
		await expect(addStep(db, outsider, id!, { text: 'x', targetWeek: null })).rejects.toThrow(NotFound);
		expect(await loadGoals(db, bram.personId)).toHaveLength(1);

		const read = await participantGoalsForTrainer(db, trainer, group.id, bram.personId);
		expect(read?.goals).toHaveLength(1);
		const rows = await db
			.select({ eventType: auditEvent.eventType, actor: auditEvent.actorPersonId })
			.from(auditEvent)
			.where(eq(auditEvent.participantId, bram.personId));
		expect(rows).toEqual(
			expect.arrayContaining([
				{ eventType: 'goal.create', actor: trainer.personId },
				{ eventType: 'goal.read', actor: trainer.personId },
				// The page shows the check-in history too: logged as what it shows.
				{ eventType: 'check_in.read', actor: trainer.personId }
			])
		);
	});
});

describe('the weekly check-in', () => {
	async function answerAll(actor: Actor, now: Date, answers: [string, string][]) {
		for (const [question, answer] of answers)
			expect(await saveAnswer(db, actor, question as never, answer, now)).toMatchObject({ ok: true });
	}

	it('is forward-only, one answer per screen, and checks each answer', async () => {
		const now = inWeek('2026-11-26');
		expect(await saveAnswer(db, anna, 'closeness', '3', now)).toEqual({ ok: false, error: 'not_now' });
		expect(await saveAnswer(db, anna, 'worked', 'misschien', now)).toEqual({ ok: false, error: 'choice' });
		expect(await saveAnswer(db, anna, 'worked', 'a_bit', now)).toEqual({ ok: true, next: 'closeness' });
		expect(await saveAnswer(db, anna, 'closeness', '6', now)).toEqual({ ok: false, error: 'choice' });
		const context = await checkInContext(db, anna, now);
		expect(context).toMatchObject({
			weekStart: '2026-11-24',
			next: 'closeness',
			answers: { worked: 'a_bit' }
		});
	});

	it('sends the check-in with its last answer, once: a replay and three at the same moment make one', async () => {
		const now = inWeek('2026-11-26');
		await answerAll(anna, now, [
			['closeness', '4'],
			['bringUp', 'Ik wil het over slapen hebben']
		]);
		// The last answer and the check-in are one write: no moment with a complete draft and no check-in.
		expect(await saveAnswer(db, anna, 'step', 'keep', now)).toEqual({ ok: true, next: null, sent: 'saved' });
		expect(await checkInContext(db, anna, now)).toMatchObject({ done: true, idempotencyKey: null });
		expect(await saveAnswer(db, anna, 'step', 'keep', now)).toEqual({ ok: false, error: 'done' });

		// Bram: his last answer sent three times at once (a double click on a slow line).
		const later = inWeek('2026-12-03');
		await answerAll(bram, later, [
			['worked', 'yes'],
			['closeness', '2'],
			['bringUp', '']
		]);
		const results = await Promise.all(
			[1, 2, 3].map(() => saveAnswer(db, bram, 'newStep', 'Een woningcorporatie bellen', later))
		);
		expect(results.filter((result) => result.ok && result.sent === 'saved')).toHaveLength(1);
		for (const person of [anna, bram]) {
			const rows = await db.select().from(checkIn).where(eq(checkIn.personId, person.personId));
			expect(rows).toHaveLength(1);
			const drafts = await db.select().from(checkInDraft).where(eq(checkInDraft.personId, person.personId));
			expect(drafts).toEqual([]);
		}
		const [annaRow] = await db.select().from(checkIn).where(eq(checkIn.personId, anna.personId));
		expect(annaRow).toMatchObject({
			weekStart: '2026-11-24',
			worked: 'a_bit',
			closeness: 4,
			bringUp: 'Ik wil het over slapen hebben'
		});
		// Bram had no step: the new one is now his step, for next week.
		const steps = await db
			.select()
			.from(goalStep)
			.where(and(eq(goalStep.personId, bram.personId), eq(goalStep.status, 'open')));
		expect(steps).toMatchObject([{ text: 'Een woningcorporatie bellen', targetWeek: '2026-12-08' }]);
		expect((await checkInContext(db, bram, later))?.done).toBe(true);
	});

	it('offers a complete draft that was not sent for sending with its key, once (twice in a row, three at once)', async () => {
		// The state an interruption between the last answer and the submission left before: every
		// answer in the draft, no check-in.
		const now = inWeek('2026-11-26');
		const carla = await buildPerson(db, { organisationId: organisationId, role: 'participant' });
		await buildGroup(db, { organisationId, trainers: [otherTrainer], participants: [carla] });
		await createGoal(db, carla, carla.personId, { lifeArea: 'work', text: 'Werk', why: '', step: 'Bellen' });
		await answerAll(carla, now, [
			['worked', 'yes'],
			['closeness', '3'],
			['bringUp', '']
		]);
		await db
			.update(checkInDraft)
			.set({ answers: sql`${checkInDraft.answers} || '{"step":"keep"}'::jsonb` })
			.where(eq(checkInDraft.personId, carla.personId));
		const context = (await checkInContext(db, carla, now))!;
		expect(context).toMatchObject({ done: false, next: null });
		expect(context.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
		const results = await Promise.all(
			[1, 2, 3].map(() => submitCheckIn(db, carla, context.idempotencyKey!, now))
		);
		expect(results.sort()).toEqual(['already', 'already', 'saved']);
		expect(await submitCheckIn(db, carla, context.idempotencyKey!, now)).toBe('already');
		const rows = await db.select().from(checkIn).where(eq(checkIn.personId, carla.personId));
		expect(rows).toMatchObject([{ worked: 'yes', closeness: 3, weekStart: '2026-11-24' }]);
		expect((await checkInContext(db, carla, now))?.done).toBe(true);
	});

	it('counts a late check-in for the week it was meant for, until the end of the next week', async () => {
		const started = inWeek('2026-12-07', '20:00'); // Monday of the week from 1 December
		await answerAll(anna, started, [['worked', 'not_yet']]);
		// Finished on Thursday after the next session: still for the week of 1 December.
		const late = inWeek('2026-12-10');
		expect(await checkInContext(db, anna, late)).toMatchObject({
			weekStart: '2026-12-01',
			next: 'closeness'
		});
		await answerAll(anna, late, [
			['closeness', '3'],
			['bringUp', ''],
			['step', 'change']
		]);
		expect(await saveAnswer(db, anna, 'newStep', 'Zwemtas inpakken', late)).toMatchObject({
			sent: 'saved'
		});
		const weeks = (await db.select().from(checkIn).where(eq(checkIn.personId, anna.personId))).map(
			(row) => row.weekStart
		);
		expect(weeks.sort()).toEqual(['2026-11-24', '2026-12-01']);
		// The next check-in is for the week running now.
		expect(await checkInContext(db, anna, late)).toMatchObject({ weekStart: '2026-12-08', done: false });

		// Too late: a draft from the week of 8 December, sent after 22 December's session.
		await answerAll(anna, inWeek('2026-12-09'), [['worked', 'yes']]);
		const draftKey = (await checkInContext(db, anna, inWeek('2026-12-09')))!.idempotencyKey!;
		expect(await submitCheckIn(db, anna, draftKey, inWeek('2026-12-23'))).toBe('too_late');
	});

	it("shows the trainer this week's check-ins of the group, each participant's read logged", async () => {
		const week = await groupWeek(db, trainer, group.id, '2026-11-24', new Date());
		expect(week?.rows.map((row) => [row.displayName, row.checkIn?.closeness ?? null])).toEqual([
			['Anna', 4],
			['Bram', null]
		]);
		expect(week?.rows[0]?.checkIn?.bringUp).toBe('Ik wil het over slapen hebben');
		// Each participant's goal now and step, read for the whole group at once, as for one of them.
		for (const row of week.rows) {
			const { goal, step } = await currentGoalAndStep(db, row.id);
			expect([row.goal, row.step]).toEqual([goal?.text ?? null, step?.text ?? null]);
		}
		expect(week.rows.some((row) => row.goal !== null && row.step !== null)).toBe(true);
		await expect(groupWeek(db, otherTrainer, group.id, null, new Date())).rejects.toThrow(NotFound);
		const reads = await db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.eventType, 'check_in.read'),
					eq(auditEvent.actorPersonId, trainer.personId),
					eq(auditEvent.objectType, 'check_in_week')
				)
			);
		expect(reads.map((row) => row.participantId).sort()).toEqual([anna.personId, bram.personId].sort());
		// The goal and step shown beside each check-in are logged as read too (both have a goal).
		const goalReads = await db
			.select()
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.eventType, 'goal.read'),
					eq(auditEvent.actorPersonId, trainer.personId),
					eq(auditEvent.participantId, anna.personId)
				)
			);
		expect(goalReads).toHaveLength(1);
	});
});
