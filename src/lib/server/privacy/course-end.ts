/**
 * After the course: when the group a participant is in has ended, they keep read-only access to
 * their own workbook (and their privacy rights) for the organisation's "after the course" period;
 * then the retention job turns the account off (./retention.ts). Read-only is enforced for every
 * participant form in hooks.server.ts (authorize), with this one query.
 */
import { sql } from 'drizzle-orm';
import { addMonths, local } from '$lib/domain/schedule';
import type { Db } from '../db/client';
import { courseGroup, groupMember, retentionSetting } from '../db/schema';
import { DEFAULT_MONTHS } from './retention';

/** The participant's course end (the last group end date) when every group they are in has ended, else null. */
export async function courseEndedOn(
	db: Db,
	personId: string,
	today = local(new Date()).date
): Promise<string | null> {
	const { rows } = await db.execute<{ ended: string | null; over: boolean | null }>(sql`
		select max(${courseGroup.endDate})::text as ended,
		       bool_and(${courseGroup.endDate} is not null and ${courseGroup.endDate} < ${today}::date) as over
		  from ${groupMember} join ${courseGroup} on ${courseGroup.id} = ${groupMember.groupId}
		 where ${groupMember.personId} = ${personId} and ${groupMember.leftAt} is null`);
	const row = rows[0];
	return row?.over === true && row.ended ? row.ended : null;
}

/** Until when a participant whose course ended on `endedOn` may read their workbook. */
export async function readOnlyUntil(db: Db, organisationId: string, endedOn: string): Promise<string> {
	const { rows } = await db.execute<{ months: number }>(sql`
		select ${retentionSetting.months} as months from ${retentionSetting}
		 where ${retentionSetting.organisationId} = ${organisationId} and ${retentionSetting.kind} = 'after_course'`);
	return addMonths(endedOn, rows[0]?.months ?? DEFAULT_MONTHS.after_course);
}

/** Participant routes whose forms stay open after the course: the privacy rights. */
export function writableAfterCourse(routeId: string | null): boolean {
	return routeId?.startsWith('/(participant)/privacy') === true;
}
