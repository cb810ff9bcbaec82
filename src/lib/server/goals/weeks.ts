/**
 * The check-in weeks of groups as their calendars stand: the held sessions of each group, read in
 * one indexed query for a whole set of groups (never one per participant), and the session dates a
 * step can aim for. The participant's own group comes with its sessions from `participantGroup`
 * (cached per instance, cleared when a calendar changes: group_session → NOTIFY 'groups').
 */
import { sql } from 'drizzle-orm';
import { heldSessionsOf, upcomingWeekStarts, type HeldSession, type WeekSource } from '$lib/domain/week';
import type { Db, Tx } from '../db/client';
import { groupSession } from '../db/schema';

/** Each group's held sessions, sorted (null for a group without a calendar), in one query. */
export async function heldSessionsByGroup(
	db: Db | Tx,
	groupIds: readonly string[]
): Promise<Map<string, HeldSession[] | null>> {
	const ids = [...new Set(groupIds)];
	const byGroup = new Map<string, HeldSession[] | null>(ids.map((id) => [id, null]));
	if (ids.length === 0) return byGroup;
	// Served by group_session_group_date_uq (group_id, date); cancelled rows tell that a calendar exists.
	const rows = await db
		.select({
			groupId: groupSession.groupId,
			date: groupSession.date,
			time: groupSession.startTime,
			status: groupSession.status,
			movedFrom: groupSession.movedFrom
		})
		.from(groupSession)
		// One array parameter, however many groups: never a bind parameter per group.
		.where(sql`${groupSession.groupId} = any(${sql.param(ids)}::uuid[])`);
	const sessions = new Map<string, typeof rows>();
	for (const row of rows) {
		const list = sessions.get(row.groupId);
		if (list) list.push(row);
		else sessions.set(row.groupId, [row]);
	}
	for (const [groupId, list] of sessions) byGroup.set(groupId, heldSessionsOf(list));
	return byGroup;
}

/** The groups with their calendars' held sessions attached, for the week rules (one query for all). */
export async function withHeldSessions<Group extends WeekSource & { id: string }>(
	db: Db | Tx,
	groups: readonly Group[]
): Promise<(Group & { heldSessions: readonly HeldSession[] | null })[]> {
	const missing = groups.filter((group) => group.heldSessions === undefined).map((group) => group.id);
	const loaded = await heldSessionsByGroup(db, missing);
	return groups.map((group) => ({
		...group,
		heldSessions:
			group.heldSessions === undefined ? (loaded.get(group.id) ?? null) : (group.heldSessions ?? null)
	}));
}

/** Session dates a step can aim for: the start dates of the group's coming check-in weeks. */
export function upcomingWeeks(group: WeekSource, now: Date, count: number): string[] {
	return upcomingWeekStarts(group, now, count);
}
