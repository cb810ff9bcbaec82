/**
 * What Herstelpad holds about a group that a fidelity proposal can stand on: counts per group, one
 * query per kind, never a query per person and never one participant's data. Each query starts
 * from an index on the group (group_member's and group_session's keys, check_in_group_week_idx,
 * home_practice_group_idx) and reaches people through their own indexes (recovery_goal_person_idx,
 * significant_other_link_participant_idx). Callers check access first (access/fidelity.ts).
 */
import { and, count, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { FidelityEvidence } from '$lib/domain/fidelity';
import type { Db, Tx } from '../../db/client';
import {
	checkIn,
	curriculumModule,
	groupCourse,
	groupMember,
	groupModule,
	groupSession,
	homePractice,
	homePracticeAnswer,
	recoveryGoal,
	significantOtherLink
} from '../../db/schema';

/** The period an assessment looks at, and today: sessions after today were not held yet. */
export interface EvidencePeriod {
	start: string;
	end: string;
	today: string;
}

/** The revised IMR has 11 modules: the count when a group follows no curriculum version yet. */
export const IMR_MODULE_COUNT = 11;

/** The last day of the period that has passed. */
const heldUntil = (period: EvidencePeriod) => (period.end < period.today ? period.end : period.today);

/**
 * The group_member table by its name, for the correlated subqueries below: Drizzle leaves a column
 * unqualified in a query without joins, where it would name the subquery's own column instead.
 */
const member = sql`${groupMember}`;

const activeMember = (groupId: string) => and(eq(groupMember.groupId, groupId), isNull(groupMember.leftAt));

/** Participants in the group now, and of them how many have an active goal and a naaste reading their plan. */
export async function memberEvidence(db: Db | Tx, groupId: string) {
	const [row] = await db
		.select({
			members: count(),
			withGoal: sql<number>`count(*) filter (where exists (
				select 1 from ${recoveryGoal} as goal
				where goal.person_id = ${member}.person_id and goal.status = 'active'
			))`.mapWith(Number),
			withSignificantOther: sql<number>`count(*) filter (where exists (
				select 1 from ${significantOtherLink} as link
				where link.participant_id = ${member}.person_id and link.ended_at is null
			))`.mapWith(Number)
		})
		.from(groupMember)
		.where(activeMember(groupId));
	return {
		members: row?.members ?? 0,
		withGoal: row?.withGoal ?? 0,
		withSignificantOther: row?.withSignificantOther ?? 0
	};
}

/**
 * The whole calendar: planned and cancelled sessions, and the weeks from the first planned session
 * to the last (both counted), for the programme's length and weekly rhythm.
 */
export async function calendarEvidence(db: Db | Tx, groupId: string) {
	const [row] = await db
		.select({
			planned: sql<number>`count(*) filter (where ${groupSession.status} = 'planned')`.mapWith(Number),
			cancelled: sql<number>`count(*) filter (where ${groupSession.status} = 'cancelled')`.mapWith(Number),
			days: sql<number | null>`max(${groupSession.date}) filter (where ${groupSession.status} = 'planned')
				- min(${groupSession.date}) filter (where ${groupSession.status} = 'planned')`.mapWith(Number)
		})
		.from(groupSession)
		.where(eq(groupSession.groupId, groupId));
	const planned = row?.planned ?? 0;
	const days = row?.days ?? null;
	return {
		planned,
		cancelled: row?.cancelled ?? 0,
		weeks: planned === 0 || days === null || Number.isNaN(days) ? 0 : Math.floor(days / 7) + 1
	};
}

/** Planned sessions in the period up to today: the sessions that were held. */
export async function heldSessionEvidence(db: Db | Tx, groupId: string, period: EvidencePeriod) {
	const [row] = await db
		.select({ held: count() })
		.from(groupSession)
		.where(
			and(
				eq(groupSession.groupId, groupId),
				gte(groupSession.date, period.start),
				lte(groupSession.date, heldUntil(period)),
				eq(groupSession.status, 'planned')
			)
		);
	return row?.held ?? 0;
}

/** Check-ins of the group's current participants for the weeks of the period up to today. */
export async function checkInEvidence(db: Db | Tx, groupId: string, period: EvidencePeriod) {
	const [row] = await db
		.select({ checkIns: count() })
		.from(checkIn)
		.innerJoin(
			groupMember,
			and(
				eq(groupMember.groupId, checkIn.groupId),
				eq(groupMember.personId, checkIn.personId),
				isNull(groupMember.leftAt)
			)
		)
		.where(
			and(
				eq(checkIn.groupId, groupId),
				gte(checkIn.weekStart, period.start),
				lte(checkIn.weekStart, heldUntil(period))
			)
		);
	return row?.checkIns ?? 0;
}

/**
 * Modules given, open or planned for the group (a planned session with the module in its plan, or
 * the module open now), and the number of modules of the curriculum version it follows.
 */
export async function moduleEvidence(db: Db | Tx, groupId: string) {
	const [row] = await db
		.select({
			covered: sql<number>`(select count(*) from (
				select ${groupSession.moduleNumber} from ${groupSession}
				where ${groupSession.groupId} = ${groupId} and ${groupSession.status} = 'planned'
				and ${groupSession.moduleNumber} is not null
				union
				select ${groupModule.moduleNumber} from ${groupModule}
				where ${groupModule.groupId} = ${groupId} and ${groupModule.state} = 'open'
			) as covered)`.mapWith(Number),
			total: sql<number>`(select count(*) from ${curriculumModule}
				where ${curriculumModule.versionId} = (
					select ${groupCourse.versionId} from ${groupCourse} where ${groupCourse.groupId} = ${groupId}
				))`.mapWith(Number)
		})
		.from(sql`(select 1) as one`);
	return { covered: row?.covered ?? 0, total: row?.total || IMR_MODULE_COUNT };
}

/** Home practice given at the sessions held in the period, and the current participants' answers to it. */
export async function homePracticeEvidence(db: Db | Tx, groupId: string, period: EvidencePeriod) {
	const [row] = await db
		.select({
			given: count(),
			answers: sql<number>`coalesce(sum((
				select count(*) from ${homePracticeAnswer} as answer
				inner join ${groupMember} as still_in on still_in.group_id = ${groupId}
					and still_in.person_id = answer.person_id and still_in.left_at is null
				where answer.practice_id = ${homePractice}.id
			)), 0)`.mapWith(Number)
		})
		.from(homePractice)
		.innerJoin(groupSession, eq(groupSession.id, homePractice.sessionId))
		.where(
			and(
				eq(homePractice.groupId, groupId),
				eq(groupSession.status, 'planned'),
				gte(groupSession.date, period.start),
				lte(groupSession.date, heldUntil(period))
			)
		);
	return { given: row?.given ?? 0, answers: row?.answers ?? 0 };
}

/** All the evidence for one group and period (six queries, none per person). */
export async function fidelityEvidence(
	db: Db | Tx,
	groupId: string,
	period: EvidencePeriod
): Promise<FidelityEvidence> {
	const members = await memberEvidence(db, groupId);
	return {
		activeMembers: members.members,
		membersWithGoal: members.withGoal,
		membersWithSignificantOther: members.withSignificantOther,
		calendar: await calendarEvidence(db, groupId),
		heldSessions: await heldSessionEvidence(db, groupId, period),
		checkIns: await checkInEvidence(db, groupId, period),
		modules: await moduleEvidence(db, groupId),
		homePractice: await homePracticeEvidence(db, groupId, period)
	};
}
