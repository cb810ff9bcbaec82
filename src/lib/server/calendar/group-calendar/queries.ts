/**
 * Groups and their course calendar as they are read: the organisation's trainers to choose from, the
 * calendar (no participant data in it), one session's plan, and its attendance for a trainer of the
 * group (every participant shown is in the access log). The writes are in ./commands.ts.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CalendarSession } from '$lib/domain/calendar';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { groupSession, homePractice, person, sessionAttendance } from '../../db/schema';
import { recordRefusal, requireCalendarGroup, requireCoordinator, requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { isUuid } from '$lib/domain/ids';
import { groupParticipants } from './participants';

export type { CalendarGroup } from '../../access';

/** The organisation's active trainers, to choose from when making a group. */
export async function organisationTrainers(db: Db, actor: Actor) {
	const organisationId = requireCoordinator(actor);
	return db
		.select({ id: person.id, displayName: person.displayName, isPeerExpert: person.isPeerExpert })
		.from(person)
		.where(
			and(eq(person.organisationId, organisationId), eq(person.role, 'trainer'), isNull(person.deactivatedAt))
		)
		.orderBy(asc(person.displayName));
}

const sessionColumns = {
	id: groupSession.id,
	date: groupSession.date,
	time: groupSession.startTime,
	status: groupSession.status,
	holiday: groupSession.holiday,
	cancelReason: groupSession.cancelReason,
	movedFrom: groupSession.movedFrom,
	added: groupSession.added,
	moduleNumber: groupSession.moduleNumber,
	topic: groupSession.topic
};

/** The group's calendar (no participant data in it); NotFound when the actor does not keep it. */
export async function groupCalendar(db: Db, actor: Actor, groupId: string) {
	const group = await requireCalendarGroup(db, actor, groupId);
	const rows = await db
		.select({ ...sessionColumns, practiceId: homePractice.id })
		.from(groupSession)
		.leftJoin(homePractice, eq(homePractice.sessionId, groupSession.id))
		.where(eq(groupSession.groupId, group.id))
		.orderBy(asc(groupSession.date));
	const sessions: CalendarSession[] = rows.map(({ practiceId, time, ...session }) => ({
		...session,
		time: time.slice(0, 5),
		hasPractice: practiceId !== null
	}));
	return { group, sessions };
}

/**
 * One session's plan and notes for a trainer of the group, without attendance (nothing about a
 * participant). NotFound when they do not train the group or the session is not the group's.
 */
export async function sessionPlan(db: Db, actor: Actor, groupId: string, sessionId: string) {
	const group = await requireGroupTrainer(db, actor, groupId);
	const [session] = isUuid(sessionId)
		? await db
				.select({ ...sessionColumns, notes: groupSession.notes })
				.from(groupSession)
				.where(and(eq(groupSession.id, sessionId), eq(groupSession.groupId, group.id)))
		: [];
	if (!session) {
		await recordRefusal(db, actor, { type: 'session', id: sessionId });
		throw new NotFound('session');
	}
	return { group, session: { ...session, time: session.time.slice(0, 5) } };
}

/** One session for its trainer: the plan, the notes and who attended. Each participant shown is logged. */
export async function sessionForTrainer(db: Db, actor: Actor, groupId: string, sessionId: string) {
	const { group, session } = await sessionPlan(db, actor, groupId, sessionId);
	const participants = await groupParticipants(db, group.id);
	const marks = await db
		.select({ personId: sessionAttendance.personId, status: sessionAttendance.status })
		.from(sessionAttendance)
		.where(eq(sessionAttendance.sessionId, session.id));
	const byPerson = new Map(marks.map((mark) => [mark.personId, mark.status]));
	await record(
		db,
		...participants.map((participant) => ({
			eventType: 'attendance.read' as const,
			action: 'R' as const,
			actor,
			participantId: participant.id,
			object: { type: 'group_session', id: session.id }
		}))
	);
	return {
		group,
		session,
		attendance: participants.map((participant) => ({
			...participant,
			status: byPerson.get(participant.id) ?? null
		}))
	};
}
