/**
 * Reads about groups, always scoped to what the actor may see: a participant their own group, a
 * trainer the groups they train, a coordinator their own organisation.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { nextPlanned, type UpcomingSession } from '$lib/domain/calendar';
import { local, nextMeeting } from '$lib/domain/schedule';
import type { HeldSession, WeekSource } from '$lib/domain/week';
import type { Db } from '../db/client';
import { courseGroup, groupMember, groupSession, groupTrainer, person, user } from '../db/schema';
import { record } from '../audit/record';
import { RarelyChangingCache } from '../auth/session-cache';
import { isParticipant, isTrainer, requireCalendarGroup, requireCoordinator } from '../access';

export interface TrainerContact {
	displayName: string;
	phone: string | null;
	isPeerExpert: boolean;
}

export interface GroupSummary extends WeekSource {
	id: string;
	name: string;
	location: string;
	/** The calendar's sessions from yesterday on, or null for a group without a calendar (weekly schedule only). */
	calendar?: UpcomingSession[] | null;
}

/** The group's upcoming sessions: the calendar, or the weekly schedule for a group made before calendars. */
export function nextSession(group: GroupSummary, now: Date): { date: string; time: string } | null {
	if (group.calendar) return nextPlanned(group.calendar, local(now));
	const next = nextMeeting(group, now);
	return next && { date: next.date, time: next.time };
}

/** The columns of a GroupSummary, for a query on course_group (exported for its test). */
export const groupColumns = {
	id: courseGroup.id,
	name: courseGroup.name,
	location: courseGroup.location,
	weekday: courseGroup.weekday,
	startTime: courseGroup.startTime,
	startDate: courseGroup.startDate,
	endDate: courseGroup.endDate,
	// One pass over the group's sessions. The outer table is named in full: in a query on course_group
	// alone drizzle leaves columns unqualified, and a bare "id" here would be group_session's own id.
	calendar: sql<UpcomingSession[] | null>`(
		select case when count(*) > 0 then coalesce(
			json_agg(json_build_object(
				'date', s.date, 'time', to_char(s.start_time, 'HH24:MI'), 'status', s.status
			) order by s.date) filter (where s.date >= current_date - 1),
			'[]'::json
		) end
		from group_session s where s.group_id = "course_group"."id"
	)`
};

async function trainersOf(db: Db, groupIds: string[]): Promise<Map<string, TrainerContact[]>> {
	const byGroup = new Map<string, TrainerContact[]>();
	if (groupIds.length === 0) return byGroup;
	// One array parameter, however many groups.
	const rows = await db
		.select({
			groupId: groupTrainer.groupId,
			displayName: person.displayName,
			phone: person.phone,
			isPeerExpert: person.isPeerExpert
		})
		.from(groupTrainer)
		.innerJoin(person, eq(person.id, groupTrainer.personId))
		.where(
			and(sql`${groupTrainer.groupId} = any(${sql.param(groupIds)}::uuid[])`, isNull(person.deactivatedAt))
		)
		.orderBy(asc(person.displayName));
	for (const { groupId, ...trainer } of rows)
		byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), trainer]);
	return byGroup;
}

type ParticipantGroup = { group: GroupSummary; trainers: TrainerContact[] } | null;

/**
 * The participant home reads this on every visit; groups, memberships and trainers change rarely.
 * Cleared on every instance when they do (triggers → NOTIFY herstelpad_cache; the table of
 * triggers is in auth/session-cache.ts).
 */
export const participantGroupCache = new RarelyChangingCache<ParticipantGroup>();

/** The participant's current group and its trainers (one query, cached briefly), or null when in none. */
export async function participantGroup(db: Db, actor: Actor): Promise<ParticipantGroup> {
	// Staff have no group of their own as a participant.
	if (!isParticipant(actor)) return null;
	const cached = participantGroupCache.get(actor.personId);
	if (cached !== undefined) return cached;
	return participantGroupCache.shared(
		actor.personId,
		() => loadParticipantGroup(actor, db),
		(found) => participantGroupCache.set(actor.personId, actor.userId, found)
	);
}

async function loadParticipantGroup(actor: Actor, db: Db): Promise<ParticipantGroup> {
	const [row] = await db
		.select({
			...groupColumns,
			// Every held session, for the check-in weeks (domain/week.ts); null without a calendar.
			heldSessions: sql<HeldSession[] | null>`(
				select case when count(*) = 0 then null else coalesce(json_agg(json_build_object(
					'date', "group_session"."date", 'time', to_char("group_session"."start_time", 'HH24:MI'),
					'movedFrom', "group_session"."moved_from"
				) order by "group_session"."date") filter (where "group_session"."status" = 'planned'), '[]'::json) end
				from ${groupSession} where "group_session"."group_id" = "course_group"."id"
			)`,
			trainers: sql<TrainerContact[]>`coalesce((
				select json_agg(json_build_object(
					'displayName', ${person.displayName}, 'phone', ${person.phone}, 'isPeerExpert', ${person.isPeerExpert}
				) order by ${person.displayName})
				from ${groupTrainer} join ${person} on ${person.id} = ${groupTrainer.personId}
				where ${groupTrainer.groupId} = ${courseGroup.id} and ${person.deactivatedAt} is null
			), '[]'::json)`
		})
		.from(groupMember)
		.innerJoin(courseGroup, eq(courseGroup.id, groupMember.groupId))
		.where(and(eq(groupMember.personId, actor.personId), isNull(groupMember.leftAt)))
		.orderBy(asc(courseGroup.startDate))
		.limit(1);
	if (!row) return null;
	const { trainers, ...group } = row;
	return { group, trainers };
}

export interface TrainerGroup extends GroupSummary {
	trainers: TrainerContact[];
	participants: { id: string; displayName: string }[];
}

/** The groups this trainer trains, with co-trainers and current participants; each participant shown is logged. */
export async function trainerGroups(db: Db, actor: Actor): Promise<TrainerGroup[]> {
	// Only trainers train groups: anyone else trains none.
	if (!isTrainer(actor)) return [];
	const groups = await db
		.select(groupColumns)
		.from(groupTrainer)
		.innerJoin(courseGroup, eq(courseGroup.id, groupTrainer.groupId))
		.where(eq(groupTrainer.personId, actor.personId))
		.orderBy(asc(courseGroup.name));
	const ids = groups.map((group) => group.id);
	const trainers = await trainersOf(db, ids);
	const members =
		ids.length === 0
			? []
			: await db
					.select({ groupId: groupMember.groupId, id: person.id, displayName: person.displayName })
					.from(groupMember)
					.innerJoin(person, eq(person.id, groupMember.personId))
					.where(
						and(inArray(groupMember.groupId, ids), isNull(groupMember.leftAt), isNull(person.deactivatedAt))
					)
					.orderBy(asc(person.displayName));
	await record(
		db,
		...members.map((member) => ({
			eventType: 'group.participants.read' as const,
			action: 'R' as const,
			actor,
			participantId: member.id,
			object: { type: 'group', id: member.groupId }
		}))
	);
	return groups.map((group) => ({
		...group,
		trainers: trainers.get(group.id) ?? [],
		participants: members
			.filter((member) => member.groupId === group.id)
			.map(({ id, displayName }) => ({ id, displayName }))
	}));
}

/** Groups and staff members per page of the coordinator's overview. */
export const OVERVIEW_PAGE_SIZE = 50;

export interface OrganisationOverview {
	groups: (GroupSummary & { participantCount: number; trainers: TrainerContact[]; hasCalendar: boolean })[];
	/** Groups matching the search (all pages). */
	groupCount: number;
	staff: { displayName: string; role: Actor['role']; email: string | null; isPeerExpert: boolean }[];
	staffCount: number;
}

/** Which page of groups (1-based, optionally searched by name) and of staff to show. */
export interface OverviewView {
	groupPage?: number;
	search?: string;
	staffPage?: number;
}

/**
 * Groups (with participant counts, no names) and staff of the coordinator's own organisation, one page
 * of each: the work per view stays the same however large the organisation grows. Forbidden to anyone
 * but a coordinator.
 */
export async function organisationOverview(
	db: Db,
	actor: Actor,
	view: OverviewView = {}
): Promise<OrganisationOverview> {
	const organisationId = requireCoordinator(actor);
	const search = view.search?.trim();
	const inOrganisation = and(
		eq(courseGroup.organisationId, organisationId),
		search ? sql`${courseGroup.name} ilike ${'%' + search.replace(/[\\%_]/g, '\\$&') + '%'}` : undefined
	);
	const { calendar: _calendar, ...summaryColumns } = groupColumns;
	const [groups, [groupTotal]] = await Promise.all([
		db
			.select({
				...summaryColumns,
				// The overview shows whether a calendar exists, not its sessions.
				hasCalendar: sql<boolean>`exists (select 1 from group_session s where s.group_id = "course_group"."id")`,
				participantCount: sql<number>`(
					select count(*)::int from group_member m join person p on p.id = m.person_id
					where m.group_id = "course_group"."id" and m.left_at is null and p.deactivated_at is null
				)`
			})
			.from(courseGroup)
			.where(inOrganisation)
			.orderBy(asc(courseGroup.name), asc(courseGroup.id))
			.limit(OVERVIEW_PAGE_SIZE)
			.offset(OVERVIEW_PAGE_SIZE * (Math.max(1, view.groupPage ?? 1) - 1)),
		db
			.select({ count: sql<number>`count(*)::int` })
			.from(courseGroup)
			.where(inOrganisation)
	]);
	const trainers = await trainersOf(
		db,
		groups.map((group) => group.id)
	);
	const isStaff = and(
		eq(person.organisationId, organisationId),
		inArray(person.role, ['trainer', 'coordinator', 'researcher']),
		isNull(person.deactivatedAt)
	);
	const [staff, [staffTotal]] = await Promise.all([
		db
			.select({
				displayName: person.displayName,
				role: person.role,
				email: user.email,
				isPeerExpert: person.isPeerExpert
			})
			.from(person)
			.leftJoin(user, eq(user.id, person.userId))
			.where(isStaff)
			// The people list's index (organisation, role, lower(name), id) serves this order too.
			.orderBy(asc(person.role), sql`lower(${person.displayName})`, asc(person.id))
			.limit(OVERVIEW_PAGE_SIZE)
			.offset(OVERVIEW_PAGE_SIZE * (Math.max(1, view.staffPage ?? 1) - 1)),
		db
			.select({ count: sql<number>`count(*)::int` })
			.from(person)
			.where(isStaff)
	]);
	return {
		groups: groups.map((group) => ({ ...group, trainers: trainers.get(group.id) ?? [] })),
		groupCount: groupTotal?.count ?? 0,
		staff,
		staffCount: staffTotal?.count ?? 0
	};
}

export interface GroupTrainerChoice {
	id: string;
	displayName: string;
	isPeerExpert: boolean;
}

/**
 * For the coordinator's group page: who trains the group, and the organisation's other active
 * trainers who could be added (no participant data). Forbidden to anyone but a coordinator; NotFound
 * for another organisation's group.
 */
export async function groupTrainerChoices(db: Db, actor: Actor, groupId: string) {
	const organisationId = requireCoordinator(actor);
	const group = await requireCalendarGroup(db, actor, groupId);
	const rows = await db
		.select({
			id: person.id,
			displayName: person.displayName,
			isPeerExpert: person.isPeerExpert,
			deactivatedAt: person.deactivatedAt,
			trains: groupTrainer.personId
		})
		.from(person)
		.leftJoin(groupTrainer, and(eq(groupTrainer.personId, person.id), eq(groupTrainer.groupId, group.id)))
		.where(and(eq(person.organisationId, organisationId), eq(person.role, 'trainer')))
		.orderBy(asc(person.displayName));
	const choice = ({ id, displayName, isPeerExpert }: GroupTrainerChoice) => ({
		id,
		displayName,
		isPeerExpert
	});
	return {
		trainers: rows.filter((row) => row.trains !== null).map(choice),
		addable: rows.filter((row) => row.trains === null && row.deactivatedAt === null).map(choice)
	};
}
