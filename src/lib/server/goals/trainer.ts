/**
 * What a trainer sees of goals and check-ins: the group's "this week" (for the goal round of the
 * session) and one participant's goals with their check-in history. Every participant shown is
 * logged in the access log.
 */
import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { local } from '$lib/domain/schedule';
import {
	checkInWeek,
	checkInWeekAt,
	earliestStoredDate,
	weekOfDate,
	type WeekSource
} from '$lib/domain/week';
import { requireGroupTrainer, requireParticipantInGroup } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { checkIn, courseGroup, groupMember, person, reminderPreference } from '../db/schema';
import { checkInHistory } from './check-in';
import { goalReadEntry, goalsInScope } from './queries';
import { withHeldSessions } from './weeks';

export interface ReminderStatus {
	enabled: boolean;
	channel: 'email' | 'push';
	lastDeliveredAt: Date | null;
	lastFailedAt: Date | null;
}

export interface WeekRow {
	id: string;
	displayName: string;
	goal: string | null;
	step: string | null;
	checkIn: { worked: 'yes' | 'a_bit' | 'not_yet'; closeness: number; bringUp: string } | null;
	reminder: ReminderStatus | null;
}

/**
 * "My goal now" and its current step (the newest open one) of each of the participants, in one query
 * (recovery_goal_one_current_uq per person): the texts, by person id.
 */
async function currentGoalsAndSteps(
	db: Db,
	personIds: readonly string[]
): Promise<Map<string, { goal: string; step: string | null }>> {
	if (personIds.length === 0) return new Map();
	const { rows } = await db.execute<{ person_id: string; goal: string; step: string | null }>(sql`
		select distinct on (g.person_id) g.person_id, g.text as goal, s.text as step
		from recovery_goal g
		left join goal_step s on s.goal_id = g.id and s.status = 'open'
		where g.person_id = any(${sql.param(personIds)}::uuid[]) and g.is_current
		order by g.person_id, s.created_at desc nulls last`);
	return new Map(rows.map((row) => [row.person_id, { goal: row.goal, step: row.step }]));
}

/**
 * The week to talk about: during the session's day the week that just ended (its check-ins were
 * made before the session), otherwise the week running now — by the group's calendar.
 */
export function weekToDiscuss(group: WeekSource, now: Date): string | null {
	const week = checkInWeekAt(group, now);
	if (!week) return null;
	if (local(now).date === week.startDate && week.index > 0)
		return checkInWeek(group, week.index - 1)!.startDate;
	return week.startDate;
}

/**
 * The group's check-ins for one week, per current participant, with their goal and step now: each
 * participant shown is logged (check_in.read, and goal.read for whom a goal is shown). NotFound
 * (logged) unless the actor trains the group.
 */
export async function groupWeek(
	db: Db,
	actor: Actor,
	groupId: string,
	weekStart: string | null,
	now: Date = new Date()
) {
	const trained = await requireGroupTrainer(db, actor, groupId);
	const [row] = await db
		.select({
			id: courseGroup.id,
			name: courseGroup.name,
			location: courseGroup.location,
			weekday: courseGroup.weekday,
			startTime: courseGroup.startTime,
			startDate: courseGroup.startDate,
			endDate: courseGroup.endDate
		})
		.from(courseGroup)
		.where(eq(courseGroup.id, trained.id));
	const [group] = await withHeldSessions(db, [row!]);
	// An asked week is named by its session as the calendar stands now (it may have moved since).
	const current = weekStart ? weekOfDate(group!, weekStart) : null;
	const week = weekStart ? (current?.startDate ?? weekStart) : weekToDiscuss(group!, now);
	const weekIndex = week ? (current?.index ?? weekOfDate(group!, week)?.index) : undefined;
	const thisWeek = weekIndex === undefined ? null : checkInWeek(group!, weekIndex);
	const nextWeek = weekIndex === undefined ? null : checkInWeek(group!, weekIndex + 1);
	const members = await db
		.select({ id: person.id, displayName: person.displayName })
		.from(groupMember)
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(groupMember.groupId, trained.id), isNull(groupMember.leftAt), isNull(person.deactivatedAt)))
		.orderBy(asc(person.displayName));
	const ids = members.map((member) => member.id);
	const [checkIns, reminders, goals] = await Promise.all([
		week && ids.length
			? db
					.select()
					.from(checkIn)
					.where(
						and(
							eq(checkIn.groupId, trained.id),
							// Any date in the week: a check-in kept before its session moved still counts.
							gte(checkIn.weekStart, thisWeek ? earliestStoredDate(group!, thisWeek) : week),
							nextWeek ? lt(checkIn.weekStart, nextWeek.startDate) : eq(checkIn.weekStart, week),
							sql`${checkIn.personId} = any(${sql.param(ids)}::uuid[])`
						)
					)
					.orderBy(desc(checkIn.weekStart))
			: Promise.resolve([]),
		ids.length
			? db
					.select()
					.from(reminderPreference)
					.where(sql`${reminderPreference.personId} = any(${sql.param(ids)}::uuid[])`)
			: Promise.resolve([]),
		currentGoalsAndSteps(db, ids)
	]);
	const rows: WeekRow[] = members.map((member) => {
		const made = checkIns.find(
			(row) =>
				row.personId === member.id &&
				// A date a session moved later from belongs to the moved session's week, not this one.
				(weekIndex === undefined || weekOfDate(group!, row.weekStart)?.index === weekIndex)
		);
		const reminder = reminders.find((row) => row.personId === member.id);
		return {
			...member,
			goal: goals.get(member.id)?.goal ?? null,
			step: goals.get(member.id)?.step ?? null,
			checkIn: made ? { worked: made.worked, closeness: made.closeness, bringUp: made.bringUp } : null,
			reminder: reminder
				? {
						enabled: reminder.enabled,
						channel: reminder.channel,
						lastDeliveredAt: reminder.lastDeliveredAt,
						lastFailedAt: reminder.lastFailedAt
					}
				: null
		};
	});
	await record(
		db,
		...rows.map((row) => ({
			eventType: 'check_in.read' as const,
			action: 'R' as const,
			actor,
			participantId: row.id,
			object: { type: 'check_in_week', id: `${trained.id}/${week ?? '-'}` }
		})),
		// The goal and step shown beside the check-in are read too.
		...rows.filter((row) => row.goal !== null).map((row) => goalReadEntry(actor, row.id))
	);
	return { group: { id: trained.id, name: trained.name }, weekStart: week, rows };
}

/**
 * One participant of the trainer's group: goals, steps, history, check-ins, reminder status. Logged
 * as what it shows: goal.read and check_in.read. NotFound (logged) unless the actor trains the group
 * and the participant is in it now.
 */
export async function participantGoalsForTrainer(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string
) {
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'read');
	const group = scope.group;
	const [found, history, [reminder]] = await Promise.all([
		goalsInScope(db, scope),
		checkInHistory(db, participantId),
		db.select().from(reminderPreference).where(eq(reminderPreference.personId, participantId))
	]);
	await record(db, goalReadEntry(actor, participantId), {
		eventType: 'check_in.read',
		action: 'R',
		actor,
		participantId,
		object: { type: 'check_in_history', id: participantId }
	});
	return {
		group: { id: group.id, name: group.name },
		participant: { id: participantId, displayName: scope.participantName },
		goals: found.goals,
		checkIns: history,
		reminder: reminder
			? {
					enabled: reminder.enabled,
					channel: reminder.channel,
					lastDeliveredAt: reminder.lastDeliveredAt,
					lastFailedAt: reminder.lastFailedAt
				}
			: null
	};
}
