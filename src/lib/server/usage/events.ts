/**
 * The usage events that leave no row of their own: a participant's first visit and one visit per
 * week (written when a participant page loads), a video started or watched to the end (reported by
 * the video player), the workbook opened or its PDF downloaded. Only the kind and the time, with
 * the participant's organisation and group; nothing they typed. Best effort: a lost event is
 * never the participant's problem, so a failure is logged and the page goes on.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { weekOf } from '$lib/domain/usage';
import { isParticipant } from '../access';
import type { Db, Tx } from '../db/client';
import { logger } from '../log';

export type UsageKind = 'video_started' | 'video_ended' | 'workbook_opened' | 'workbook_pdf';

/**
 * The weeks this instance already wrote a visit for (person → week), so that a visit costs one insert
 * per person and week, not one per page. A per-instance memo of what is in the database already (the
 * unique index makes a repeat from another instance a no-op); it is dropped when it grows large.
 */
const visited = new Map<string, string>();
const VISITED_MAX = 50_000;

/** Notes a participant's visit this week (and their first visit ever). Staff are not counted. */
export async function noteVisit(db: Db | Tx, actor: Actor, now = new Date()): Promise<void> {
	if (!isParticipant(actor) || !actor.organisationId) return;
	const week = weekOf(now);
	if (visited.get(actor.personId) === week) return;
	try {
		await db.execute(sql`
			insert into usage_event (person_id, organisation_id, group_id, kind, occurred_at)
			select ${actor.personId}, ${actor.organisationId},
			       (select group_id from group_member
			          where person_id = ${actor.personId} and left_at is null limit 1),
			       kind, ${now}
			  from (values ('first_visit'), ('visit')) as kinds(kind)
			on conflict do nothing`);
		if (visited.size >= VISITED_MAX) visited.clear();
		visited.set(actor.personId, week);
	} catch (fault) {
		logger.warn({ err: fault }, 'usage visit not noted');
	}
}

/** Forgets what this instance noted (tests that move the clock). */
export function forgetVisits(): void {
	visited.clear();
}

/** Notes one usage event of a participant (anyone else: nothing). */
export async function noteUsage(db: Db | Tx, actor: Actor, kind: UsageKind, now = new Date()): Promise<void> {
	if (!isParticipant(actor) || !actor.organisationId) return;
	try {
		await db.execute(sql`
			insert into usage_event (person_id, organisation_id, group_id, kind, occurred_at)
			values (${actor.personId}, ${actor.organisationId},
			        (select group_id from group_member
			           where person_id = ${actor.personId} and left_at is null limit 1),
			        ${kind}, ${now})`);
	} catch (fault) {
		logger.warn({ err: fault, kind }, 'usage event not noted');
	}
}
