/**
 * Groups and their course calendar, written. A coordinator makes a group and Herstelpad generates
 * about a year of weekly sessions; coordinators of the organisation and trainers of the group move,
 * cancel, restore and add sessions. Trainers plan each session (module, topic, own notes) and record
 * attendance, which is in the access log.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { generateCalendar, type DayRange, type PlannedSession } from '$lib/domain/calendar';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import type { Db, Tx } from '../../db/client';
import { courseGroup, groupSession, groupTrainer, person, sessionAttendance } from '../../db/schema';
import { logRefusalOf, requireCalendarGroup, requireCoordinator, requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { claimFormKey, releaseFormKey } from '../../idempotency';
import { isUuid } from '$lib/domain/ids';
import { groupParticipants } from './participants';

export const TOPIC_MAX = 200;

export const NOTES_MAX = 4000;

export const CANCEL_REASON_MAX = 200;

export type AttendanceStatus = 'present' | 'excused' | 'absent';

export const ATTENDANCE = ['present', 'excused', 'absent'] as const;

export interface NewGroup {
	name: string;
	location: string;
	weekday: number;
	startTime: string;
	startDate: string;
	endDate: string | null;
	trainerIds: string[];
	skipPublicHolidays: boolean;
	daysOff: DayRange[];
}

export type CreateGroupResult =
	| { ok: true; id: string; sessions: number }
	| { ok: false; error: 'name_taken' | 'trainer_unknown' | 'no_sessions' };

/** Makes the group, its trainers and its calendar in one transaction (coordinators only: Forbidden otherwise). */
export async function createGroup(db: Db, actor: Actor, input: NewGroup): Promise<CreateGroupResult> {
	const organisationId = requireCoordinator(actor);
	const sessions = generateCalendar(input);
	// A start and end date with no meeting day between them make no course.
	if (sessions.length === 0) return { ok: false, error: 'no_sessions' };
	return db.transaction(async (tx) => {
		const trainerIds = [...new Set(input.trainerIds)];
		if (trainerIds.length > 0) {
			const known = await tx
				.select({ id: person.id })
				.from(person)
				.where(
					and(
						inArray(person.id, trainerIds),
						eq(person.organisationId, organisationId),
						eq(person.role, 'trainer'),
						isNull(person.deactivatedAt)
					)
				);
			if (known.length !== trainerIds.length) return { ok: false, error: 'trainer_unknown' } as const;
		}
		const [created] = await tx
			.insert(courseGroup)
			.values({
				organisationId,
				name: input.name,
				location: input.location,
				weekday: input.weekday,
				startTime: input.startTime,
				startDate: input.startDate,
				endDate: input.endDate
			})
			.onConflictDoNothing()
			.returning({ id: courseGroup.id });
		if (!created) return { ok: false, error: 'name_taken' } as const;
		if (trainerIds.length > 0)
			await tx.insert(groupTrainer).values(trainerIds.map((personId) => ({ groupId: created.id, personId })));
		await tx.insert(groupSession).values(sessionRows(created.id, sessions));
		return { ok: true, id: created.id, sessions: sessions.length } as const;
	});
}

/** Calendar rows for a group from generated sessions. */
export function sessionRows(groupId: string, sessions: PlannedSession[]) {
	return sessions.map((session) => ({
		groupId,
		date: session.date,
		startTime: session.time,
		status: session.status,
		holiday: session.holiday,
		cancelReason: session.cancelReason
	}));
}

/**
 * Generates the calendar of a group that has none yet (groups made before calendars existed), from
 * its weekly schedule; returns how many sessions, 0 when it already has one. NotFound when the actor
 * does not keep the group's calendar.
 */
export async function createCalendar(
	db: Db,
	actor: Actor,
	groupId: string,
	options: { skipPublicHolidays: boolean; daysOff: DayRange[] }
): Promise<number> {
	const group = await requireCalendarGroup(db, actor, groupId);
	return db.transaction(async (tx) => {
		const [schedule] = await tx
			.select({
				weekday: courseGroup.weekday,
				startTime: courseGroup.startTime,
				startDate: courseGroup.startDate,
				endDate: courseGroup.endDate
			})
			.from(courseGroup)
			.where(eq(courseGroup.id, group.id))
			.for('update');
		const [existing] = await tx
			.select({ id: groupSession.id })
			.from(groupSession)
			.where(eq(groupSession.groupId, group.id))
			.limit(1);
		if (!schedule || existing) return 0;
		const sessions = generateCalendar({ ...schedule, ...options });
		if (sessions.length > 0) await tx.insert(groupSession).values(sessionRows(group.id, sessions));
		return sessions.length;
	});
}

export type SessionChange =
	| { kind: 'move'; date: string; time: string }
	| { kind: 'cancel'; reason: string }
	| { kind: 'restore' }
	| { kind: 'plan'; moduleNumber: number | null; topic: string; notes: string };

export type ChangeResult = 'changed' | 'date_taken';

/**
 * Moves, cancels, restores or plans one session of the group. NotFound when the actor does not keep
 * the group's calendar (planning: does not train the group) or the session is not the group's.
 */
export async function changeSession(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	change: SessionChange
): Promise<ChangeResult> {
	// Planning a session's content is the trainers' work; moving it in the calendar the coordinators' too.
	const group =
		change.kind === 'plan'
			? await requireGroupTrainer(db, actor, groupId)
			: await requireCalendarGroup(db, actor, groupId);
	return logRefusalOf(db, actor, { type: 'session', id: sessionId }, 'U', async () => {
		if (!isUuid(sessionId)) throw new NotFound('session');
		return db.transaction(async (tx) => {
			const [session] = await tx
				.select({ id: groupSession.id, date: groupSession.date, movedFrom: groupSession.movedFrom })
				.from(groupSession)
				.where(and(eq(groupSession.id, sessionId), eq(groupSession.groupId, group.id)))
				.for('update');
			if (!session) throw new NotFound('session');
			const where = eq(groupSession.id, session.id);
			switch (change.kind) {
				case 'move': {
					const [taken] = await tx
						.select({ id: groupSession.id })
						.from(groupSession)
						.where(
							and(
								eq(groupSession.groupId, group.id),
								eq(groupSession.date, change.date),
								ne(groupSession.id, session.id)
							)
						);
					if (taken) return 'date_taken';
					const from = session.movedFrom ?? session.date;
					try {
						// Moving a session means holding it on the new day: it takes place there.
						await tx
							.update(groupSession)
							.set({
								date: change.date,
								startTime: change.time,
								movedFrom: change.date === from ? null : from,
								status: 'planned',
								cancelReason: null,
								holiday: false
							})
							.where(where);
					} catch (error) {
						// Another change took that date a moment ago.
						if ((error as { code?: string }).code === '23505') return 'date_taken';
						throw error;
					}
					break;
				}
				case 'cancel':
					await tx
						.update(groupSession)
						.set({ status: 'cancelled', cancelReason: change.reason, holiday: false })
						.where(where);
					break;
				case 'restore':
					await tx
						.update(groupSession)
						.set({ status: 'planned', cancelReason: null, holiday: false })
						.where(where);
					break;
				case 'plan':
					await tx
						.update(groupSession)
						.set({ moduleNumber: change.moduleNumber, topic: change.topic, notes: change.notes })
						.where(where);
					break;
			}
			return 'changed';
		});
	});
}

/**
 * Adds a session by hand (an extra meeting, or one to make up for a cancelled week). With the form's
 * idempotency key, a resend of the same post answers with the session it added (not "date taken").
 */
export async function addSession(
	db: Db,
	actor: Actor,
	groupId: string,
	input: { date: string; time: string; topic: string; key?: string | null }
): Promise<{ id: string } | 'date_taken'> {
	const group = await requireCalendarGroup(db, actor, groupId);
	return db.transaction(async (tx) => {
		const claim = { personId: actor.personId, action: 'session.add', key: input.key };
		const id = randomUUID();
		const first = await claimFormKey(tx, claim, { id });
		if (first) return first.result;
		const [created] = await tx
			.insert(groupSession)
			.values({
				id,
				groupId: group.id,
				date: input.date,
				startTime: input.time,
				topic: input.topic,
				added: true
			})
			.onConflictDoNothing()
			.returning({ id: groupSession.id });
		if (!created) await releaseFormKey(tx, claim);
		return created ?? 'date_taken';
	});
}

/** Every member without a mark for the session yet, as present. */
async function unmarkedPresent(
	tx: Tx,
	sessionId: string,
	members: Set<string>
): Promise<[string, AttendanceStatus][]> {
	const marked = await tx
		.select({ personId: sessionAttendance.personId })
		.from(sessionAttendance)
		.where(eq(sessionAttendance.sessionId, sessionId));
	const done = new Set(marked.map((row) => row.personId));
	return [...members].filter((id) => !done.has(id)).map((id) => [id, 'present']);
}

/**
 * Records attendance for the session (a trainer of the group); only current participants of the group
 * count. `marks` is one status per person, or 'rest_present' ("everyone was there"): every current
 * participant not marked yet for this session is marked present, the others keep their mark. Returns
 * how many were recorded; NotFound for another group or session.
 */
export async function recordAttendance(
	db: Db,
	actor: Actor,
	groupId: string,
	sessionId: string,
	marks: Map<string, AttendanceStatus> | 'rest_present',
	key?: string | null
): Promise<number> {
	const group = await requireGroupTrainer(db, actor, groupId);
	return logRefusalOf(db, actor, { type: 'session', id: sessionId }, 'U', async () => {
		if (!isUuid(sessionId)) throw new NotFound('session');
		return db.transaction(async (tx) => {
			const [session] = await tx
				.select({ id: groupSession.id })
				.from(groupSession)
				.where(and(eq(groupSession.id, sessionId), eq(groupSession.groupId, group.id)));
			if (!session) throw new NotFound('session');
			const members = new Set((await groupParticipants(tx, group.id)).map((participant) => participant.id));
			const rows =
				marks === 'rest_present'
					? await unmarkedPresent(tx, session.id, members)
					: [...marks].filter(([personId]) => members.has(personId));
			// A resend of the same form answers as the first did and logs nothing again.
			const action = marks === 'rest_present' ? 'attendance.everyone' : 'attendance.record';
			const first = await claimFormKey(tx, { personId: actor.personId, action, key }, rows.length);
			if (first) return first.result;
			const written: string[] = [];
			for (const [personId, status] of rows) {
				const insert = tx
					.insert(sessionAttendance)
					.values({ sessionId: session.id, personId, status, recordedByPersonId: actor.personId });
				// "Everyone was there" never overwrites a mark a co-trainer saved in the meantime.
				const saved =
					marks === 'rest_present'
						? await insert.onConflictDoNothing().returning({ personId: sessionAttendance.personId })
						: await insert
								.onConflictDoUpdate({
									target: [sessionAttendance.sessionId, sessionAttendance.personId],
									set: { status, recordedByPersonId: actor.personId, recordedAt: new Date() }
								})
								.returning({ personId: sessionAttendance.personId });
				written.push(...saved.map((row) => row.personId));
			}
			await record(
				tx,
				...written.map((personId) => ({
					eventType: 'attendance.update' as const,
					action: 'U' as const,
					actor,
					participantId: personId,
					object: { type: 'group_session', id: session.id }
				}))
			);
			return written.length;
		});
	});
}
