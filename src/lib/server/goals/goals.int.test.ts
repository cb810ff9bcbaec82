import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, checkIn, checkInDraft, goalStep } from '../db/schema';
import { checkInContext, saveAnswer, submitCheckIn } from './check-in';
import { addStep, changeGoal, createGoal, goalsOf, loadGoals, makeCurrentGoal } from './goals';
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
		const first = await createGoal(
			anna,
			anna.personId,
			{ lifeArea: 'work', text: 'Twee ochtenden werken', why: '' },
			db
		);
		const second = (swimming = (await createGoal(
			anna,
			anna.personId,
			{
				lifeArea: 'leisure',
				text: 'Weer zwemmen',
				why: 'Ik word er rustig van',
				step: 'Zwembad bellen',
				targetWeek: '2026-12-08'
			},
			db
		))!);
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
		const id = (await createGoal(
			anna,
			anna.personId,
			{ lifeArea: 'health', text: 'Elke dag wandelen', why: '' },
			db
		))!;
		expect(await changeGoal(anna, id, { change: 'edit', text: 'Drie keer per week wandelen' }, db)).toBe(
			'needs-reason'
		);
		expect(
			await changeGoal(
				anna,
				id,
				{ change: 'edit', text: 'Drie keer per week wandelen', reason: 'Elke dag is te veel' },
				db
			)
		).toBe('done');
		expect(await changeGoal(anna, id, { change: 'stop' }, db)).toBe('needs-reason');
		expect(await changeGoal(anna, id, { change: 'reach' }, db)).toBe('done');
		expect(await changeGoal(anna, id, { change: 'edit', text: 'Nog iets', reason: 'x' }, db)).toBe('refused');
		expect(await makeCurrentGoal(anna, id, db)).toBe('refused');
		expect(await makeCurrentGoal(anna, swimming, db)).toBe('done');
		const goal = (await loadGoals(db, anna.personId)).find((candidate) => candidate.id === id)!;
		expect(goal).toMatchObject({ text: 'Drie keer per week wandelen', status: 'reached', isCurrent: false });
		expect(goal.history.map((event) => [event.kind, event.before, event.after, event.reason])).toEqual([
			['created', null, 'Elke dag wandelen', null],
			['changed', 'Elke dag wandelen', 'Drie keer per week wandelen', 'Elke dag is te veel'],
			['reached', 'Drie keer per week wandelen', null, null]
		]);
	});

	it("lets the group's trainer write for a participant, shown as added by them and logged; nobody else", async () => {
		const id = await createGoal(
			trainer,
			bram.personId,
			{ lifeArea: 'housing', text: 'Zelfstandig wonen', why: '' },
			db
		);
		expect(id).not.toBeNull();
		const [goal] = await loadGoals(db, bram.personId);
		expect(goal?.addedBy).toBe('Tess Trainer');
		expect(
			await createGoal(otherTrainer, bram.personId, { lifeArea: 'work', text: 'x', why: '' }, db)
		).toBeNull();
		expect(
			await createGoal(outsider, bram.personId, { lifeArea: 'work', text: 'x', why: '' }, db)
		).toBeNull();
		expect(await createGoal(anna, bram.personId, { lifeArea: 'work', text: 'x', why: '' }, db)).toBeNull();
		expect(await goalsOf(otherTrainer, bram.personId, db)).toBeNull();
		expect(await participantGoalsForTrainer(otherTrainer, group.id, bram.personId, db)).toBeNull();
		expect(await addStep(outsider, id!, { text: 'x', targetWeek: null }, db)).toBeNull();

		const read = await participantGoalsForTrainer(trainer, group.id, bram.personId, db);
		expect(read?.goals).toHaveLength(1);
		const rows = await db
			.select({ eventType: auditEvent.eventType, actor: auditEvent.actorPersonId })
			.from(auditEvent)
			.where(eq(auditEvent.participantId, bram.personId));
		expect(rows).toEqual(
			expect.arrayContaining([
				{ eventType: 'goal.create', actor: trainer.personId },
				{ eventType: 'goal.read', actor: trainer.personId }
			])
		);
	});
});

describe('the weekly check-in', () => {
	async function answerAll(actor: Actor, now: Date, answers: [string, string][]) {
		for (const [question, answer] of answers)
			expect(await saveAnswer(actor, question as never, answer, now, db)).toMatchObject({ ok: true });
	}

	it('is forward-only, one answer per screen, and checks each answer', async () => {
		const now = inWeek('2026-11-26');
		expect(await saveAnswer(anna, 'dichtbij', '3', now, db)).toEqual({ ok: false, error: 'not_now' });
		expect(await saveAnswer(anna, 'gewerkt', 'misschien', now, db)).toEqual({ ok: false, error: 'choice' });
		expect(await saveAnswer(anna, 'gewerkt', 'a_bit', now, db)).toEqual({ ok: true, next: 'dichtbij' });
		expect(await saveAnswer(anna, 'dichtbij', '6', now, db)).toEqual({ ok: false, error: 'choice' });
		const context = await checkInContext(anna, now, db);
		expect(context).toMatchObject({
			weekStart: '2026-11-24',
			next: 'dichtbij',
			answers: { gewerkt: 'a_bit' }
		});
	});

	it('sends the check-in with its last answer, once: a replay and three at the same moment make one', async () => {
		const now = inWeek('2026-11-26');
		await answerAll(anna, now, [
			['dichtbij', '4'],
			['bespreken', 'Ik wil het over slapen hebben']
		]);
		// The last answer and the check-in are one write: no moment with a complete draft and no check-in.
		expect(await saveAnswer(anna, 'stap', 'keep', now, db)).toEqual({ ok: true, next: null, sent: 'saved' });
		expect(await checkInContext(anna, now, db)).toMatchObject({ done: true, idempotencyKey: null });
		expect(await saveAnswer(anna, 'stap', 'keep', now, db)).toEqual({ ok: false, error: 'done' });

		// Bram: his last answer sent three times at once (a double click on a slow line).
		const later = inWeek('2026-12-03');
		await answerAll(bram, later, [
			['gewerkt', 'yes'],
			['dichtbij', '2'],
			['bespreken', '']
		]);
		const results = await Promise.all(
			[1, 2, 3].map(() => saveAnswer(bram, 'nieuwe-stap', 'Een woningcorporatie bellen', later, db))
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
		expect((await checkInContext(bram, later, db))?.done).toBe(true);
	});

	it('offers a complete draft that was not sent for sending with its key, once (twice in a row, three at once)', async () => {
		// The state an interruption between the last answer and the submission left before: every
		// answer in the draft, no check-in.
		const now = inWeek('2026-11-26');
		const carla = await buildPerson(db, { organisationId: organisationId, role: 'participant' });
		await buildGroup(db, { organisationId, trainers: [otherTrainer], participants: [carla] });
		await createGoal(carla, carla.personId, { lifeArea: 'work', text: 'Werk', why: '', step: 'Bellen' }, db);
		await answerAll(carla, now, [
			['gewerkt', 'yes'],
			['dichtbij', '3'],
			['bespreken', '']
		]);
		await db
			.update(checkInDraft)
			.set({ answers: sql`${checkInDraft.answers} || '{"stap":"keep"}'::jsonb` })
			.where(eq(checkInDraft.personId, carla.personId));
		const context = (await checkInContext(carla, now, db))!;
		expect(context).toMatchObject({ done: false, next: null });
		expect(context.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
		const results = await Promise.all(
			[1, 2, 3].map(() => submitCheckIn(carla, context.idempotencyKey!, now, db))
		);
		expect(results.sort()).toEqual(['already', 'already', 'saved']);
		expect(await submitCheckIn(carla, context.idempotencyKey!, now, db)).toBe('already');
		const rows = await db.select().from(checkIn).where(eq(checkIn.personId, carla.personId));
		expect(rows).toMatchObject([{ worked: 'yes', closeness: 3, weekStart: '2026-11-24' }]);
		expect((await checkInContext(carla, now, db))?.done).toBe(true);
	});

	it('counts a late check-in for the week it was meant for, until the end of the next week', async () => {
		const started = inWeek('2026-12-07', '20:00'); // Monday of the week from 1 December
		await answerAll(anna, started, [['gewerkt', 'not_yet']]);
		// Finished on Thursday after the next session: still for the week of 1 December.
		const late = inWeek('2026-12-10');
		expect(await checkInContext(anna, late, db)).toMatchObject({ weekStart: '2026-12-01', next: 'dichtbij' });
		await answerAll(anna, late, [
			['dichtbij', '3'],
			['bespreken', ''],
			['stap', 'change']
		]);
		expect(await saveAnswer(anna, 'nieuwe-stap', 'Zwemtas inpakken', late, db)).toMatchObject({
			sent: 'saved'
		});
		const weeks = (await db.select().from(checkIn).where(eq(checkIn.personId, anna.personId))).map(
			(row) => row.weekStart
		);
		expect(weeks.sort()).toEqual(['2026-11-24', '2026-12-01']);
		// The next check-in is for the week running now.
		expect(await checkInContext(anna, late, db)).toMatchObject({ weekStart: '2026-12-08', done: false });

		// Too late: a draft from the week of 8 December, sent after 22 December's session.
		await answerAll(anna, inWeek('2026-12-09'), [['gewerkt', 'yes']]);
		const draftKey = (await checkInContext(anna, inWeek('2026-12-09'), db))!.idempotencyKey!;
		expect(await submitCheckIn(anna, draftKey, inWeek('2026-12-23'), db)).toBe('too_late');
	});

	it("shows the trainer this week's check-ins of the group, each participant's read logged", async () => {
		const week = await groupWeek(trainer, group.id, '2026-11-24', new Date(), db);
		expect(week?.rows.map((row) => [row.displayName, row.checkIn?.closeness ?? null])).toEqual([
			['Anna', 4],
			['Bram', null]
		]);
		expect(week?.rows[0]?.checkIn?.bringUp).toBe('Ik wil het over slapen hebben');
		expect(await groupWeek(otherTrainer, group.id, null, new Date(), db)).toBeNull();
		const reads = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'check_in.read'), eq(auditEvent.actorPersonId, trainer.personId)));
		expect(reads.map((row) => row.participantId).sort()).toEqual([anna.personId, bram.personId].sort());
	});
});
