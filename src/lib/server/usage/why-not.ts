/**
 * "Why not?" (issue 20, item 7): a participant who has not used a component for three weeks is asked
 * once, on their home page, why — one optional question with a few answers and "Niet nu". The answer
 * (or "Niet nu") is kept once per component (unique person + component): the question is not asked
 * again. Writing it is a touch of the participant's data: an access-log row in the same transaction.
 */
import { sql } from 'drizzle-orm';
import { whyNotToAsk, type WhyNotComponent } from '$lib/domain/usage';
import type { Actor } from '$lib/domain/policy';
import { requireMemberGroup } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { whyNotAnswer } from '../db/schema';
import type { WhyNotInput } from './schema';

/** The component to ask the participant about on their home page now, or null. One query. */
export async function whyNotQuestion(
	db: Db,
	actor: Actor,
	groupId: string,
	now = new Date()
): Promise<WhyNotComponent | null> {
	const { rows } = await db.execute<{
		joined: Date | string | null;
		has_goal: boolean;
		last_check_in: Date | string | null;
		last_step: Date | string | null;
		answered: WhyNotComponent[] | null;
	}>(sql`
		select (select joined_at from group_member
		          where person_id = ${actor.personId} and group_id = ${groupId} and left_at is null) as joined,
		       exists (select 1 from recovery_goal
		          where person_id = ${actor.personId} and is_current) as has_goal,
		       (select max(created_at) from check_in where person_id = ${actor.personId}) as last_check_in,
		       (select max(seen_at) from step_progress where person_id = ${actor.personId}) as last_step,
		       (select array_agg(component) from why_not_answer where person_id = ${actor.personId}) as answered`);
	const row = rows[0];
	if (!row?.joined) return null;
	const days = (at: Date | string | null) =>
		at === null ? null : Math.floor((now.getTime() - new Date(at).getTime()) / 86_400_000);
	return whyNotToAsk({
		daysInGroup: days(row.joined) ?? 0,
		hasGoal: row.has_goal,
		daysSinceCheckIn: days(row.last_check_in),
		daysSinceStep: days(row.last_step),
		answered: row.answered ?? []
	});
}

/**
 * Keeps the participant's answer for the component, once: a second answer for the same component
 * changes nothing (and writes no row). Returns whether this answer was the one kept.
 */
export async function answerWhyNot(db: Db, actor: Actor, input: WhyNotInput): Promise<boolean> {
	const group = await requireMemberGroup(db, actor);
	return db.transaction(async (tx) => {
		const kept = await tx
			.insert(whyNotAnswer)
			.values({
				personId: actor.personId,
				organisationId: group.organisationId,
				groupId: group.groupId,
				component: input.component,
				answer: input.answer
			})
			.onConflictDoNothing()
			.returning({ personId: whyNotAnswer.personId });
		if (kept.length === 0) return false;
		await record(tx, {
			eventType: 'why_not.answer',
			action: 'C',
			actor,
			participantId: actor.personId,
			object: { type: 'why_not_answer', id: input.component }
		});
		return true;
	});
}
