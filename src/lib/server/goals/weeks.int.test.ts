/**
 * The check-in week follows the group's calendar (issue 24 item 18): a moved, a cancelled and an
 * extra session change which week a check-in counts for, what "Deze week" and the preparation page
 * show, the session a step names, "no check-in for two weeks" and the reminders' week — checked on
 * every stored week and every query that shows one.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { localToInstant } from '$lib/domain/schedule';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { addSession, changeSession, createGroup } from '../calendar/group-calendar/commands';
import { groupCalendar } from '../calendar/group-calendar/queries';
import type { Db } from '../db/client';
import {
	checkIn,
	checkInDraft,
	groupMember,
	groupSession,
	reminderPreference,
	reminderSent
} from '../db/schema';
import { trainerAttention } from '../guidance/attention/queries';
import { participantGroup } from '../groups/queries';
import { deliverReminder, dueReminders } from '../reminders/deliver';
import { checkInContext, saveAnswer, submitCheckIn } from './check-in';
import { addStep, createGoal } from './commands';
import { goalsOf } from './queries';
import { groupWeek } from './trainer';
import { heldSessionsByGroup, upcomingWeeks } from './weeks';

let db: Db;
let trainer: Actor;
let anna: Actor;
let bram: Actor;
let cor: Actor;
let dirk: Actor;
let groupId: string;
let plainGroupId: string;
let goalId: string;

/** A moment in Dutch local time. */
const at = (date: string, time: string) => localToInstant(date, time);

/** Answers every screen; the last answer sends the check-in (one transaction): its outcome. */
async function checkInNow(actor: Actor, now: Date, answers: [string, string][]) {
	for (const [question, answer] of answers) {
		const saved = await saveAnswer(db, actor, question as never, answer, now);
		expect(saved).toMatchObject({ ok: true });
		// The last answer sends the check-in in the same transaction.
		if (saved.ok && 'sent' in saved && saved.sent) return saved.sent;
	}
	const key = (await checkInContext(db, actor, now))!.idempotencyKey!;
	return submitCheckIn(db, actor, key, now);
}

async function sessionOn(date: string): Promise<string> {
	const found = (await groupCalendar(db, trainer, groupId))!.sessions.find(
		(session) => session.date === date
	);
	return found!.id;
}

async function storedWeeks(actor: Actor): Promise<string[]> {
	const rows = await db.select().from(checkIn).where(eq(checkIn.personId, actor.personId));
	return rows.map((row) => row.weekStart).sort();
}

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tess' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	cor = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Cor' });
	dirk = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Dirk' });
	// Thursdays at 10:00 from 3 September 2026, like the demo group.
	const made = await createGroup(db, coordinator, {
		name: 'Kalendergroep',
		location: 'Zaal 2',
		weekday: 4,
		startTime: '10:00',
		startDate: '2026-09-03',
		endDate: null,
		trainerIds: [trainer.personId],
		skipPublicHolidays: true,
		daysOff: []
	});
	groupId = made?.ok ? made.id : '';
	const joinedAt = new Date('2026-11-20T12:00:00Z');
	await db
		.insert(groupMember)
		.values([anna, bram, cor, dirk].map((p) => ({ groupId, personId: p.personId, joinedAt })));
	await db.insert(reminderPreference).values(
		[anna, bram].map((p) => ({
			personId: p.personId,
			enabled: true,
			channel: 'push' as const,
			weekday: 3,
			time: '10:00'
		}))
	);
	goalId = (await createGoal(db, anna, anna.personId, {
		lifeArea: 'leisure',
		text: 'Weer zwemmen',
		why: ''
	}))!;
	// Before the move: a step for the session of Thursday 3 December, and Cor starts a check-in.
	await addStep(db, anna, goalId, { text: 'Zwembad bellen', targetWeek: '2026-12-03' });
	expect(await saveAnswer(db, cor, 'worked', 'yes', at('2026-11-30', '12:00'))).toMatchObject({ ok: true });

	// A group made before calendars existed keeps the weekly schedule.
	const plain = await createGroup(db, coordinator, {
		name: 'Oude groep',
		location: 'Zaal 3',
		weekday: 4,
		startTime: '10:00',
		startDate: '2026-09-03',
		endDate: null,
		trainerIds: [],
		skipPublicHolidays: false,
		daysOff: []
	});
	plainGroupId = plain?.ok ? plain.id : '';
});

describe('the check-in week follows the calendar', () => {
	it('moving Thursday 3 December to Wednesday 2 December 09:00 starts the week on Wednesday', async () => {
		// Control: on Tuesday before the move the week is the one from 26 November.
		expect((await checkInContext(db, anna, at('2026-12-01', '12:00')))?.weekStart).toBe('2026-11-26');
		expect(
			await changeSession(db, trainer, groupId, await sessionOn('2026-12-03'), {
				kind: 'move',
				date: '2026-12-02',
				time: '09:00'
			})
		).toBe('changed');

		const wednesday = at('2026-12-02', '12:00');
		expect((await checkInContext(db, anna, at('2026-12-02', '08:59')))?.weekStart).toBe('2026-11-26');
		expect(await checkInContext(db, anna, wednesday)).toMatchObject({ weekStart: '2026-12-02', done: false });
		expect(
			await checkInNow(anna, wednesday, [
				['worked', 'yes'],
				['closeness', '4'],
				['bringUp', 'Het zwembad'],
				['step', 'change'],
				['newStep', 'Zwemtas inpakken']
			])
		).toBe('saved');
		expect(await storedWeeks(anna)).toEqual(['2026-12-02']);
		expect((await checkInContext(db, anna, at('2026-12-03', '12:00')))?.done).toBe(true);

		// Cor started in the week of 26 November: a late check-in still counts for that week.
		expect(
			await checkInNow(cor, wednesday, [
				['closeness', '2'],
				['bringUp', ''],
				['newStep', 'Buiten lopen']
			])
		).toBe('saved');
		expect(await storedWeeks(cor)).toEqual(['2026-11-26']);
		expect(await db.select().from(checkInDraft).where(eq(checkInDraft.personId, cor.personId))).toEqual([]);
	});

	it('names the moved session in steps: "voor woensdag 2 december", and the next session for a new step', async () => {
		const found = await goalsOf(db, anna, anna.personId);
		const steps = found!.goals.find((goal) => goal.id === goalId)!.steps;
		expect(steps.map((step) => [step.text, step.targetWeek])).toEqual([
			['Zwembad bellen', '2026-12-02'],
			['Zwemtas inpakken', '2026-12-10']
		]);
	});

	it('shows the moved week on "Deze week" and in the goal round of the next session', async () => {
		// On the moved session's day the goal round is the week that just ended; the day after, the new one.
		const sessionDay = await groupWeek(db, trainer, groupId, null, at('2026-12-02', '12:00'));
		expect(sessionDay?.weekStart).toBe('2026-11-26');
		expect(sessionDay?.rows.filter((row) => row.checkIn).map((row) => row.displayName)).toEqual(['Cor']);
		const thursday = await groupWeek(db, trainer, groupId, null, at('2026-12-03', '12:00'));
		expect(thursday?.weekStart).toBe('2026-12-02');
		expect(thursday?.rows.find((row) => row.displayName === 'Anna')?.checkIn?.closeness).toBe(4);
		// The preparation page asks for the week that ends with the chosen session (10 December).
		const round = await groupWeek(db, trainer, groupId, null, at('2026-12-10', '10:00'));
		expect(round?.weekStart).toBe('2026-12-02');
		// A link to the old date shows the week as it stands now.
		expect((await groupWeek(db, trainer, groupId, '2026-12-03', new Date()))?.weekStart).toBe('2026-12-02');
	});

	it('gives the reminder of the moved week its new start, and skips who checked in', async () => {
		const due = await dueReminders(db, at('2026-12-02', '12:30'));
		const mine = due.filter((reminder) => reminder.groupId === groupId);
		expect(mine).toEqual([{ personId: bram.personId, groupId, weekStart: '2026-12-02', channel: 'push' }]);
		const senders = { email: async () => undefined, push: async () => undefined };
		expect(await deliverReminder(db, mine[0]!, senders)).toBe('sent');
		const sent = await db.select().from(reminderSent).where(eq(reminderSent.personId, bram.personId));
		expect(sent.map((row) => row.weekStart)).toEqual(['2026-12-02']);
	});

	it('runs a week past a cancelled session to the next held one, and starts one with an extra session', async () => {
		expect(
			await changeSession(db, trainer, groupId, await sessionOn('2026-12-17'), {
				kind: 'cancel',
				reason: 'Zaal dicht'
			})
		).toBe('changed');
		expect(
			await addSession(db, trainer, groupId, { date: '2026-12-21', time: '19:30', topic: 'Extra' })
		).toMatchObject({
			id: expect.any(String)
		});
		const friday = at('2026-12-18', '12:00');
		expect((await checkInContext(db, bram, friday))?.weekStart).toBe('2026-12-10');
		expect(
			await checkInNow(bram, friday, [
				['worked', 'a_bit'],
				['closeness', '3'],
				['bringUp', ''],
				['newStep', 'Bellen']
			])
		).toBe('saved');
		const tuesday = at('2026-12-22', '12:00');
		expect((await checkInContext(db, cor, tuesday))?.weekStart).toBe('2026-12-21');
		expect(
			await checkInNow(cor, tuesday, [
				['worked', 'yes'],
				['closeness', '5'],
				['bringUp', ''],
				['newStep', 'Verder lopen']
			])
		).toBe('saved');
		expect(await storedWeeks(bram)).toEqual(['2026-12-10']);
		expect(await storedWeeks(cor)).toEqual(['2026-11-26', '2026-12-21']);
		expect((await groupWeek(db, trainer, groupId, null, at('2026-12-17', '12:00')))?.weekStart).toBe(
			'2026-12-10'
		);
		expect((await groupWeek(db, trainer, groupId, null, at('2026-12-21', '20:00')))?.weekStart).toBe(
			'2026-12-10'
		);
		expect((await groupWeek(db, trainer, groupId, null, at('2026-12-22', '12:00')))?.weekStart).toBe(
			'2026-12-21'
		);
		// A step can aim at the sessions that take place: not the cancelled one, the extra one too.
		const found = await participantGroup(db, bram);
		expect(upcomingWeeks(found!.group, at('2026-12-11', '12:00'), 3)).toEqual([
			'2026-12-21',
			'2026-12-24',
			'2026-12-31'
		]);
		// Every stored week is the date of a held session.
		const held = new Set(
			(await heldSessionsByGroup(db, [groupId])).get(groupId)!.map((session) => session.date)
		);
		const stored = await db.select().from(checkIn).where(eq(checkIn.groupId, groupId));
		expect(stored).toHaveLength(4);
		for (const row of stored) expect(held.has(row.weekStart), row.weekStart).toBe(true);
	});

	it('counts weeks without a check-in by the calendar for the attention list', async () => {
		const rows = await trainerAttention(db, trainer, at('2026-12-23', '12:00'));
		const weeks = (actor: Actor) => rows.find((row) => row.id === actor.personId);
		// Anna's last check-in was for the week of 2 December; only the week of 10 December passed since.
		expect(weeks(anna)?.reasons ?? []).not.toContain('no_check_in');
		// Dirk joined on 20 November: the weeks of 26 November, 2 and 10 December ended without one.
		expect(weeks(dirk)).toMatchObject({ weeksWithoutCheckIn: 3 });
		expect(weeks(dirk)?.reasons).toContain('no_check_in');
	});

	it('lets a started check-in whose session moved into a week already checked in not hold up the next', async () => {
		const answers: [string, string][] = [
			['worked', 'yes'],
			['closeness', '3'],
			['bringUp', ''],
			['newStep', 'Bellen']
		];
		expect(await checkInNow(bram, at('2027-01-08', '12:00'), answers)).toBe('saved');
		// Thursday 14 January after the session: Bram starts the next one…
		expect(await saveAnswer(db, bram, 'worked', 'a_bit', at('2027-01-14', '12:00'))).toMatchObject({
			ok: true
		});
		// …and the trainer then moves that session to Friday: the draft's day is back in the week done.
		expect(
			await changeSession(db, trainer, groupId, await sessionOn('2027-01-14'), {
				kind: 'move',
				date: '2027-01-15',
				time: '10:00'
			})
		).toBe('changed');
		expect(await checkInContext(db, bram, at('2027-01-14', '15:00'))).toMatchObject({
			weekStart: '2027-01-07',
			done: true
		});
		const friday = at('2027-01-15', '12:00');
		expect(await checkInContext(db, bram, friday)).toMatchObject({ weekStart: '2027-01-15', done: false });
		expect(await checkInNow(bram, friday, answers)).toBe('saved');
		expect(await storedWeeks(bram)).toEqual(['2026-12-10', '2027-01-07', '2027-01-15']);
	});

	it('refuses to send a draft for a week that already has a check-in stored under its pre-move date', async () => {
		const answers = { worked: 'yes', closeness: '3', bringUp: '', newStep: 'Bellen' };
		expect(
			await checkInNow(dirk, at('2027-02-05', '12:00'), Object.entries(answers) as [string, string][])
		).toBe('saved');
		expect(
			await changeSession(db, trainer, groupId, await sessionOn('2027-02-04'), {
				kind: 'move',
				date: '2027-02-03',
				time: '09:00'
			})
		).toBe('changed');
		// A complete draft under the new start of that same week (as from a second tab).
		const [draft] = await db
			.insert(checkInDraft)
			.values({ personId: dirk.personId, groupId, weekStart: '2027-02-03', answers })
			.returning({ key: checkInDraft.idempotencyKey });
		expect(await submitCheckIn(db, dirk, draft!.key, at('2027-02-05', '13:00'))).toBe('already');
		expect((await storedWeeks(dirk)).filter((week) => week >= '2027-02-01')).toEqual(['2027-02-04']);
	});

	it('counts a check-in stored under the old date of a session moved later for the moved session’s week', async () => {
		const answers = { worked: 'yes', closeness: '3', bringUp: '', newStep: 'Bellen' };
		expect(
			await checkInNow(dirk, at('2027-03-04', '12:00'), Object.entries(answers) as [string, string][])
		).toBe('saved');
		expect(
			await changeSession(db, trainer, groupId, await sessionOn('2027-03-04'), {
				kind: 'move',
				date: '2027-03-05',
				time: '10:00'
			})
		).toBe('changed');
		// Thursday afternoon is back in the week of 25 February, which has no check-in…
		expect(await checkInContext(db, dirk, at('2027-03-04', '15:00'))).toMatchObject({
			weekStart: '2027-02-25',
			done: false
		});
		// …and the check-in kept under 4 March counts for the week the moved session starts.
		expect(await checkInContext(db, dirk, at('2027-03-05', '12:00'))).toMatchObject({
			weekStart: '2027-03-05',
			done: true
		});
		// The trainer's week and the reminders agree.
		const dirkIn = async (weekStart: string) =>
			(await groupWeek(db, trainer, groupId, weekStart, at('2027-03-10', '12:00')))!.rows.find(
				(row) => row.id === dirk.personId
			)!.checkIn;
		expect(await dirkIn('2027-02-25')).toBeNull();
		expect(await dirkIn('2027-03-05')).not.toBeNull();
		await db.insert(reminderPreference).values({
			personId: dirk.personId,
			enabled: true,
			channel: 'push',
			weekday: 3,
			time: '10:00'
		});
		expect(await dueReminders(db, at('2027-03-04', '15:00'), dirk.personId)).toMatchObject([
			{ weekStart: '2027-02-25' }
		]);
		expect(await dueReminders(db, at('2027-03-10', '12:00'), dirk.personId)).toEqual([]);
	});

	it('keeps the weekly schedule for a group without a calendar', async () => {
		await db.delete(checkInDraft).where(eq(checkInDraft.groupId, plainGroupId));
		await db.delete(groupSession).where(eq(groupSession.groupId, plainGroupId));
		const held = await heldSessionsByGroup(db, [plainGroupId, groupId]);
		expect(held.get(plainGroupId)).toBeNull();
		expect(held.get(groupId)?.length).toBeGreaterThan(40);
		await db
			.update(groupMember)
			.set({ groupId: plainGroupId })
			.where(eq(groupMember.personId, dirk.personId));
		expect((await checkInContext(db, dirk, at('2026-12-02', '12:00')))?.weekStart).toBe('2026-11-26');
		expect((await checkInContext(db, dirk, at('2026-12-03', '12:00')))?.weekStart).toBe('2026-12-03');
	});
});
