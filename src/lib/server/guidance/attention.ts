/**
 * Who needs attention, for the trainer's start page: per participant of the group, in words — an
 * open help request, never signed in, no check-in for two weeks or more — sorted by urgency.
 * Every participant shown is logged.
 */
import { and, eq, gt, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { weeksWithoutCheckIn } from '$lib/domain/week';
import { local } from '$lib/domain/schedule';
import { record } from '../audit/record';
import { practicesDue } from '../calendar/home-practice';
import type { Db } from '../db/client';
import {
	auditEvent,
	checkIn,
	courseGroup,
	digitalIntake,
	groupMember,
	groupTrainer,
	helpRequest,
	message,
	messageRead,
	person
} from '../db/schema';
import { heldSessionsByGroup } from '../goals/weeks';
import { currentDb } from '../runtime';

export const ATTENTION_REASONS = [
	'help_request',
	'unread_message',
	'never_signed_in',
	'no_check_in',
	'practice_not_done',
	'intake_not_done'
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface AttentionRow {
	id: string;
	displayName: string;
	groupId: string;
	reasons: AttentionReason[];
	/** Weeks without a check-in (only with 'no_check_in'). */
	weeksWithoutCheckIn: number;
}

const urgency: Record<AttentionReason, number> = {
	help_request: 0,
	unread_message: 1,
	never_signed_in: 2,
	no_check_in: 3,
	practice_not_done: 4,
	intake_not_done: 5
};

const memberColumns = {
	id: person.id,
	displayName: person.displayName,
	groupId: courseGroup.id,
	joinedAt: groupMember.joinedAt,
	weekday: courseGroup.weekday,
	startTime: courseGroup.startTime,
	startDate: courseGroup.startDate,
	endDate: courseGroup.endDate
};

/** Participants of the trainer's groups who need attention, most urgent first. */
export async function trainerAttention(actor: Actor, now: Date = new Date(), db: Db = currentDb()) {
	if (actor.role !== 'trainer' || !actor.organisationId) return [];
	const members = await db
		.select(memberColumns)
		.from(groupTrainer)
		.innerJoin(courseGroup, eq(courseGroup.id, groupTrainer.groupId))
		.innerJoin(groupMember, and(eq(groupMember.groupId, courseGroup.id), isNull(groupMember.leftAt)))
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(
			and(
				eq(groupTrainer.personId, actor.personId),
				eq(courseGroup.organisationId, actor.organisationId),
				isNull(person.deactivatedAt)
			)
		);
	// Messages the participant wrote that this trainer has not read.
	const rows = await attentionRows(db, members, now, (ids) =>
		db
			.selectDistinct({ personId: message.personId })
			.from(message)
			.leftJoin(
				messageRead,
				and(eq(messageRead.readerPersonId, actor.personId), eq(messageRead.personId, message.personId))
			)
			.where(
				and(
					inArray(message.personId, ids),
					eq(message.authorPersonId, message.personId),
					or(isNull(messageRead.readAt), gt(message.createdAt, messageRead.readAt))
				)
			)
	);
	await record(
		db,
		...rows.map((row) => ({
			eventType: 'attention.read' as const,
			action: 'R' as const,
			actor,
			participantId: row.id,
			object: { type: 'attention', id: row.groupId }
		}))
	);
	return rows;
}

/**
 * For a coordinator, per group of the organisation: how many participants need attention for each
 * reason — counts only, no names or contents (so nothing about one participant is read). A message
 * counts as unread until one of the group's trainers has read it.
 */
export async function organisationAttention(actor: Actor, now: Date = new Date(), db: Db = currentDb()) {
	const counts = new Map<string, Record<AttentionReason, number>>();
	if (actor.role !== 'coordinator' || !actor.organisationId) return counts;
	const members = await db
		.select(memberColumns)
		.from(courseGroup)
		.innerJoin(groupMember, and(eq(groupMember.groupId, courseGroup.id), isNull(groupMember.leftAt)))
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(courseGroup.organisationId, actor.organisationId), isNull(person.deactivatedAt)));
	const rows = await attentionRows(db, members, now, (ids) =>
		db
			.selectDistinct({ personId: message.personId })
			.from(message)
			.where(
				and(
					inArray(message.personId, ids),
					eq(message.authorPersonId, message.personId),
					sql`not exists (
						select 1 from ${messageRead} join ${groupTrainer}
							on ${groupTrainer.personId} = ${messageRead.readerPersonId} and ${groupTrainer.groupId} = ${message.groupId}
						where ${messageRead.personId} = ${message.personId} and ${messageRead.readAt} >= ${message.createdAt}
					)`
				)
			)
	);
	for (const row of rows) {
		const group =
			counts.get(row.groupId) ??
			(Object.fromEntries(ATTENTION_REASONS.map((reason) => [reason, 0])) as Record<AttentionReason, number>);
		for (const reason of row.reasons) group[reason]++;
		counts.set(row.groupId, group);
	}
	return counts;
}

type Member = {
	id: string;
	displayName: string;
	groupId: string;
	joinedAt: Date;
	weekday: number;
	startTime: string;
	startDate: string;
	endDate: string | null;
};

/** The reasons each member needs attention, most urgent first; `unreadOf` finds who wrote unread messages. */
async function attentionRows(
	db: Db,
	members: Member[],
	now: Date,
	unreadOf: (ids: string[]) => Promise<{ personId: string }[]>
): Promise<AttentionRow[]> {
	if (members.length === 0) return [];
	const ids = members.map((member) => member.id);
	const groupIds = [...new Set(members.map((member) => member.groupId))];
	const [help, signIns, lastCheckIns, intakes, unread, practices, calendars] = await Promise.all([
		db
			.select({ personId: helpRequest.personId })
			.from(helpRequest)
			.where(and(inArray(helpRequest.personId, ids), isNull(helpRequest.closedAt))),
		db
			.selectDistinct({ personId: auditEvent.actorPersonId })
			.from(auditEvent)
			.where(
				and(
					inArray(auditEvent.actorPersonId, ids),
					inArray(auditEvent.eventType, ['auth.sign_in', 'login_card.use', 'auth.link_use'])
				)
			),
		db
			.select({ personId: checkIn.personId, last: max(checkIn.weekStart) })
			.from(checkIn)
			.where(inArray(checkIn.personId, ids))
			.groupBy(checkIn.personId),
		db
			.select({ personId: digitalIntake.personId })
			.from(digitalIntake)
			.where(inArray(digitalIntake.personId, ids)),
		unreadOf(ids),
		practicesDue(db, groupIds, now),
		heldSessionsByGroup(db, groupIds)
	]);
	const unreadFrom = new Set(unread.map((row) => row.personId));
	const intakeDone = new Set(intakes.map((row) => row.personId));
	const open = new Set(help.map((row) => row.personId));
	const signedIn = new Set(signIns.map((row) => row.personId));
	const lastWeek = new Map(lastCheckIns.map((row) => [row.personId, row.last]));
	const rows: AttentionRow[] = [];
	for (const member of members) {
		const reasons: AttentionReason[] = [];
		if (open.has(member.id)) reasons.push('help_request');
		if (unreadFrom.has(member.id)) reasons.push('unread_message');
		if (!signedIn.has(member.id)) reasons.push('never_signed_in');
		// Weeks of the group's calendar that ended without a check-in, since the last one and since joining.
		const missed = weeksWithoutCheckIn(
			{ ...member, heldSessions: calendars.get(member.groupId) ?? null },
			now,
			lastWeek.get(member.id) ?? null,
			local(member.joinedAt).date
		);
		if (missed >= 2) reasons.push('no_check_in');
		const practice = practices.get(member.groupId);
		// Only for who was in the group when it was given.
		if (practice && !practice.answered.has(member.id) && local(member.joinedAt).date <= practice.givenAt)
			reasons.push('practice_not_done');
		if (!intakeDone.has(member.id)) reasons.push('intake_not_done');
		if (reasons.length > 0)
			rows.push({
				id: member.id,
				displayName: member.displayName,
				groupId: member.groupId,
				reasons,
				weeksWithoutCheckIn: missed
			});
	}
	rows.sort(
		(a, b) =>
			Math.min(...a.reasons.map((r) => urgency[r])) - Math.min(...b.reasons.map((r) => urgency[r])) ||
			b.reasons.length - a.reasons.length ||
			a.displayName.localeCompare(b.displayName)
	);
	return rows;
}
