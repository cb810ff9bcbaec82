/**
 * Who needs attention, for the trainer's start page: per participant of the group, in words — an
 * open help request, never signed in, no check-in for two weeks or more — sorted by urgency.
 * Every participant shown is logged.
 */
import { and, eq, gt, inArray, isNull, max, or } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { checkInWeekAt } from '$lib/domain/week';
import { addDays, local } from '$lib/domain/schedule';
import { record } from '../audit/record';
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
import { currentDb } from '../runtime';

export type AttentionReason =
	'help_request' | 'unread_message' | 'never_signed_in' | 'no_check_in' | 'intake_not_done';

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
	intake_not_done: 4
};

/** Participants of the trainer's groups who need attention, most urgent first. */
export async function trainerAttention(actor: Actor, now: Date = new Date(), db: Db = currentDb()) {
	if (actor.role !== 'trainer' || !actor.organisationId) return [];
	const members = await db
		.select({
			id: person.id,
			displayName: person.displayName,
			groupId: courseGroup.id,
			joinedAt: groupMember.joinedAt,
			weekday: courseGroup.weekday,
			startTime: courseGroup.startTime,
			startDate: courseGroup.startDate,
			endDate: courseGroup.endDate
		})
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
	if (members.length === 0) return [];
	const ids = members.map((member) => member.id);
	const [help, signIns, lastCheckIns, intakes, unread] = await Promise.all([
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
		// Messages the participant wrote that this trainer has not read.
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
		// Weeks that ended without a check-in: from the last check-in's week (or the first week) to now.
		const week = checkInWeekAt(member, now);
		let missed = 0;
		if (week) {
			const last = lastWeek.get(member.id);
			// Count from the week after the last check-in, and never from before the participant joined.
			const joined = local(member.joinedAt).date;
			const afterLast = last ? addDays(last, 7) : null;
			const firstCounted = afterLast && afterLast > joined ? afterLast : joined;
			for (
				let index = week.index - 1, date = addDays(week.startDate, -7);
				index >= 0;
				index--, date = addDays(date, -7)
			) {
				if (firstCounted && date < firstCounted) break;
				missed++;
			}
		}
		if (missed >= 2) reasons.push('no_check_in');
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
