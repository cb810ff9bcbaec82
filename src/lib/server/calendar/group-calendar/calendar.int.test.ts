import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { localToInstant } from '$lib/domain/schedule';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import type { Db } from '../../db/client';
import { Forbidden, NotFound } from '../../errors';
import { auditEvent, groupMember, groupSession, groupTrainer, sessionAttendance } from '../../db/schema';
import { nextSession, participantGroupCache, participantGroup } from '../../groups/queries';
import { addSession, changeSession, createGroup, recordAttendance } from './commands';
import { groupCalendar, organisationTrainers, sessionForTrainer } from './queries';

let db: Db;
let coordinator: Actor;
let otherCoordinator: Actor;
let trainer: Actor;
let peerTrainer: Actor;
let otherTrainer: Actor;
let anna: Actor;
let bram: Actor;
let groupId: string;

const newGroup = {
	name: 'Herstelgroep Noord',
	location: 'Zaal 2',
	weekday: 3,
	startTime: '19:30',
	startDate: '2026-09-01',
	endDate: null,
	skipPublicHolidays: true,
	daysOff: [{ from: '2026-12-21', to: '2027-01-01' }]
};

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	const otherOrg = await buildOrganisation(db);
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	otherCoordinator = await buildPerson(db, { organisationId: otherOrg.id, role: 'coordinator' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tessa' });
	peerTrainer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: 'Piet',
		isPeerExpert: true
	});
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Olga' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
});

describe('making a group', () => {
	it('lets a coordinator choose from the organisation’s trainers only', async () => {
		expect((await organisationTrainers(db, coordinator)).map((row) => row.displayName)).toEqual([
			'Olga',
			'Piet',
			'Tessa'
		]);
		await expect(organisationTrainers(db, trainer)).rejects.toThrow(Forbidden);
		expect(await createGroup(db, otherCoordinator, { ...newGroup, trainerIds: [trainer.personId] })).toEqual({
			ok: false,
			error: 'trainer_unknown'
		});
		await expect(createGroup(db, trainer, { ...newGroup, trainerIds: [] })).rejects.toThrow(Forbidden);
	});

	it('makes the group with its trainers and a year of Wednesday sessions, holidays cancelled', async () => {
		const created = await createGroup(db, coordinator, {
			...newGroup,
			trainerIds: [trainer.personId, peerTrainer.personId]
		});
		expect(created).toMatchObject({ ok: true, sessions: 52 });
		groupId = created!.ok ? created!.id : '';
		expect(await db.select().from(groupTrainer).where(eq(groupTrainer.groupId, groupId))).toHaveLength(2);
		const sessions = await db
			.select()
			.from(groupSession)
			.where(eq(groupSession.groupId, groupId))
			.orderBy(groupSession.date);
		expect(sessions[0]).toMatchObject({ date: '2026-09-02', startTime: '19:30:00', status: 'planned' });
		expect(sessions.filter((s) => s.status === 'cancelled').map((s) => [s.date, s.cancelReason])).toEqual([
			['2026-12-23', 'day_off'],
			['2026-12-30', 'day_off'],
			['2027-05-05', 'liberation_day']
		]);
		// 19:30 stays 19:30 local on both sides of the change to winter time (25 October 2026).
		const october = sessions.filter((s) => s.date === '2026-10-21' || s.date === '2026-10-28');
		expect(october.map((s) => localToInstant(s.date, s.startTime.slice(0, 5)).toISOString())).toEqual([
			'2026-10-21T17:30:00.000Z',
			'2026-10-28T18:30:00.000Z'
		]);
	});

	it('refuses a start and end date without a meeting day between them', async () => {
		expect(
			await createGroup(db, coordinator, {
				...newGroup,
				name: 'Te kort',
				startDate: '2026-09-07',
				endDate: '2026-09-08',
				trainerIds: []
			})
		).toEqual({ ok: false, error: 'no_sessions' });
	});

	it('refuses a second group with the same name', async () => {
		expect(await createGroup(db, coordinator, { ...newGroup, trainerIds: [] })).toEqual({
			ok: false,
			error: 'name_taken'
		});
	});
});

describe('keeping the calendar', () => {
	it('is open to the organisation’s coordinators and the group’s trainers, nobody else', async () => {
		expect((await groupCalendar(db, coordinator, groupId))?.sessions).toHaveLength(52);
		expect((await groupCalendar(db, trainer, groupId))?.group.name).toBe('Herstelgroep Noord');
		await expect(groupCalendar(db, otherTrainer, groupId)).rejects.toThrow(NotFound);
		await expect(groupCalendar(db, otherCoordinator, groupId)).rejects.toThrow(NotFound);
		await expect(groupCalendar(db, anna, groupId)).rejects.toThrow(NotFound);
		await expect(groupCalendar(db, coordinator, 'not-a-uuid')).rejects.toThrow(NotFound);
		await expect(groupCalendar(db, coordinator, '-'.repeat(36))).rejects.toThrow(NotFound);
		await expect(groupCalendar(db, coordinator, 'f'.repeat(36))).rejects.toThrow(NotFound);
	});

	it('moves a session, remembering where it came from, and refuses a date that is taken', async () => {
		const calendar = (await groupCalendar(db, trainer, groupId))!;
		const third = calendar.sessions[2]!;
		expect(
			await changeSession(db, trainer, groupId, third.id, { kind: 'move', date: '2026-09-09', time: '19:30' })
		).toBe('date_taken');
		expect(
			await changeSession(db, trainer, groupId, third.id, { kind: 'move', date: '2026-09-17', time: '14:00' })
		).toBe('changed');
		expect(
			await changeSession(db, trainer, groupId, third.id, { kind: 'move', date: '2026-09-18', time: '14:00' })
		).toBe('changed');
		const [moved] = await db.select().from(groupSession).where(eq(groupSession.id, third.id));
		expect(moved).toMatchObject({ date: '2026-09-18', startTime: '14:00:00', movedFrom: '2026-09-16' });
		await expect(
			changeSession(db, otherTrainer, groupId, third.id, { kind: 'move', date: '2026-09-19', time: '14:00' })
		).rejects.toThrow(NotFound);
		// Back to where it came from: no longer "moved".
		expect(
			await changeSession(db, trainer, groupId, third.id, { kind: 'move', date: '2026-09-16', time: '19:30' })
		).toBe('changed');
		const [back] = await db.select().from(groupSession).where(eq(groupSession.id, third.id));
		expect(back).toMatchObject({ date: '2026-09-16', movedFrom: null });
	});

	it('holds a cancelled holiday session on the day it is moved to', async () => {
		const liberationDay = (await groupCalendar(db, trainer, groupId))!.sessions.find(
			(session) => session.date === '2027-05-05'
		)!;
		expect(
			await changeSession(db, trainer, groupId, liberationDay.id, {
				kind: 'move',
				date: '2027-05-06',
				time: '19:30'
			})
		).toBe('changed');
		const [moved] = await db.select().from(groupSession).where(eq(groupSession.id, liberationDay.id));
		expect(moved).toMatchObject({
			status: 'planned',
			holiday: false,
			cancelReason: null,
			movedFrom: '2027-05-05'
		});
	});

	it('cancels and restores a session, and adds one to make up for it', async () => {
		const calendar = (await groupCalendar(db, coordinator, groupId))!;
		const fifth = calendar.sessions[4]!;
		expect(
			await changeSession(db, coordinator, groupId, fifth.id, { kind: 'cancel', reason: 'Studiedag' })
		).toBe('changed');
		expect((await groupCalendar(db, coordinator, groupId))!.sessions[4]).toMatchObject({
			status: 'cancelled',
			cancelReason: 'Studiedag'
		});
		expect(
			await addSession(db, coordinator, groupId, { date: '2026-10-02', time: '10:00', topic: 'Inhaalsessie' })
		).toMatchObject({
			id: expect.any(String)
		});
		expect(await addSession(db, coordinator, groupId, { date: '2026-10-02', time: '11:00', topic: '' })).toBe(
			'date_taken'
		);
		await expect(
			addSession(db, otherCoordinator, groupId, { date: '2026-10-03', time: '11:00', topic: '' })
		).rejects.toThrow(NotFound);
		expect(await changeSession(db, trainer, groupId, fifth.id, { kind: 'restore' })).toBe('changed');
		const after = (await groupCalendar(db, trainer, groupId))!.sessions;
		expect(after).toHaveLength(53);
		expect(after.find((s) => s.id === fifth.id)).toMatchObject({ status: 'planned', cancelReason: null });
		expect(after.find((s) => s.date === '2026-10-02')).toMatchObject({ added: true, topic: 'Inhaalsessie' });
	});

	it('gives participants the next planned session from the calendar, skipping cancelled weeks', async () => {
		await db.insert(groupMember).values([
			{ groupId, personId: anna.personId },
			{ groupId, personId: bram.personId }
		]);
		participantGroupCache.clear();
		const found = (await participantGroup(db, anna))!;
		// The calendar holds sessions from yesterday on (by the database's clock): use those dates.
		const upcoming = found.group.calendar!;
		expect(upcoming.length).toBeGreaterThan(0);
		const first = upcoming.find((s) => s.status === 'planned')!;
		const dayBefore = new Date(localToInstant(first.date, first.time).getTime() - 86_400_000);
		expect(nextSession(found.group, dayBefore)?.date).toBe(first.date);
		// A group without a calendar still has its weekly schedule.
		const old = await buildGroup(db, { organisationId: coordinator.organisationId! });
		expect(nextSession({ ...old, calendar: null }, new Date('2026-09-02T12:00:00Z'))?.date).toBe(
			'2026-09-08'
		);
	});
});

describe('attendance', () => {
	it('is recorded by the group’s trainer for current participants only, and logged per participant', async () => {
		const first = (await groupCalendar(db, trainer, groupId))!.sessions[0]!;
		const stranger = await buildPerson(db, {
			organisationId: coordinator.organisationId,
			role: 'participant'
		});
		const marks = new Map([
			[anna.personId, 'present' as const],
			[bram.personId, 'excused' as const],
			[stranger.personId, 'present' as const]
		]);
		await expect(recordAttendance(db, otherTrainer, groupId, first.id, marks)).rejects.toThrow(NotFound);
		await expect(recordAttendance(db, coordinator, groupId, first.id, marks)).rejects.toThrow(NotFound);
		expect(await recordAttendance(db, trainer, groupId, first.id, marks)).toBe(2);
		expect(
			await recordAttendance(db, trainer, groupId, first.id, new Map([[bram.personId, 'absent' as const]]))
		).toBe(1);
		const rows = await db
			.select({ personId: sessionAttendance.personId, status: sessionAttendance.status })
			.from(sessionAttendance)
			.where(eq(sessionAttendance.sessionId, first.id));
		expect(new Map(rows.map((row) => [row.personId, row.status]))).toEqual(
			new Map([
				[anna.personId, 'present'],
				[bram.personId, 'absent']
			])
		);
		const written = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'attendance.update'), eq(auditEvent.actorPersonId, trainer.personId))
			);
		expect(written.map((row) => row.participantId).sort()).toEqual(
			[anna.personId, bram.personId, bram.personId].sort()
		);
	});

	it('"everyone was there" marks only who has no mark yet as present, and logs each', async () => {
		const second = (await groupCalendar(db, trainer, groupId))!.sessions[1]!;
		await recordAttendance(db, trainer, groupId, second.id, new Map([[bram.personId, 'excused' as const]]));
		await expect(recordAttendance(db, otherTrainer, groupId, second.id, 'rest_present')).rejects.toThrow(
			NotFound
		);
		expect(await recordAttendance(db, trainer, groupId, second.id, 'rest_present')).toBe(1);
		const rows = await db
			.select({ personId: sessionAttendance.personId, status: sessionAttendance.status })
			.from(sessionAttendance)
			.where(eq(sessionAttendance.sessionId, second.id));
		expect(new Map(rows.map((row) => [row.personId, row.status]))).toEqual(
			new Map([
				[anna.personId, 'present'],
				[bram.personId, 'excused']
			])
		);
		// Again: nobody is left without a mark.
		expect(await recordAttendance(db, trainer, groupId, second.id, 'rest_present')).toBe(0);
	});

	it('is read by the group’s trainer with one log row per participant shown', async () => {
		const first = (await groupCalendar(db, trainer, groupId))!.sessions[0]!;
		await expect(sessionForTrainer(db, otherTrainer, groupId, first.id)).rejects.toThrow(NotFound);
		await expect(sessionForTrainer(db, coordinator, groupId, first.id)).rejects.toThrow(NotFound);
		const seen = (await sessionForTrainer(db, trainer, groupId, first.id))!;
		expect(seen.attendance.map((row) => [row.displayName, row.status])).toEqual([
			['Anna', 'present'],
			['Bram', 'absent']
		]);
		const reads = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'attendance.read'), eq(auditEvent.actorPersonId, trainer.personId))
			);
		expect(reads.map((row) => row.participantId).sort()).toEqual([anna.personId, bram.personId].sort());
	});

	it('plans the session with a module, a topic and the trainers’ notes', async () => {
		const first = (await groupCalendar(db, trainer, groupId))!.sessions[0]!;
		expect(
			await changeSession(db, trainer, groupId, first.id, {
				kind: 'plan',
				moduleNumber: 1,
				topic: 'Kennismaken',
				notes: 'Koffie regelen'
			})
		).toBe('changed');
		expect((await sessionForTrainer(db, trainer, groupId, first.id))!.session).toMatchObject({
			moduleNumber: 1,
			topic: 'Kennismaken',
			notes: 'Koffie regelen'
		});
	});
});
