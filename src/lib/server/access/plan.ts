/**
 * Access to the personal workbook's plan and its sharing: who may read a participant's
 * relapse-prevention plan (the participant, a naaste they share it with, their trainers when they
 * share it with the care team), and who decides what is shared (the participant alone).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canManageOwnSharing, canReadPlan, canSeeParticipantData, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { consent, groupMember, groupTrainer, person, relapsePlan, significantOtherLink } from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { recordRefusal } from './refusal';

/** A plan the actor may read, and how they came to it. */
export interface PlanReader {
	participantId: string;
	participantName: string;
	organisationId: string;
	/** How the actor reads it: their own, as a naaste, or as a trainer of the care team. */
	as: 'self' | 'significant_other' | 'care_team';
	/** For a naaste: whether the participant also shares their goal. */
	shareGoal: boolean;
	/** For a naaste: the link that gives access. */
	linkId: string | null;
	sharedWithCareTeam: boolean;
}

/** What the plan checks need, in one query: the person, the actor's ties to them, the switch. */
async function planContext(db: Db | Tx, actor: Actor, participantId: string) {
	if (!actor.organisationId || !isUuid(participantId)) return null;
	const [row] = await db
		.select({
			name: person.displayName,
			sharedWithCareTeam: sql<boolean>`coalesce(${relapsePlan.sharedWithCareTeam}, false)`,
			trains: sql<boolean>`exists (
				select 1 from ${groupMember} join ${groupTrainer} on ${groupTrainer.groupId} = ${groupMember.groupId}
				where ${groupMember.personId} = ${person.id} and ${groupMember.leftAt} is null
				and ${groupTrainer.personId} = ${actor.personId})`,
			linkId: significantOtherLink.id,
			shareGoal: significantOtherLink.shareGoal
		})
		.from(person)
		.leftJoin(relapsePlan, eq(relapsePlan.personId, person.id))
		.leftJoin(
			significantOtherLink,
			and(
				eq(significantOtherLink.participantId, person.id),
				eq(significantOtherLink.significantOtherId, actor.personId),
				isNull(significantOtherLink.endedAt),
				// Withdrawing the consent for sharing with a naaste pauses every link at once.
				sql`exists (select 1 from ${consent} where ${consent.personId} = ${person.id}
					and ${consent.purpose} = 'naaste' and ${consent.given})`
			)
		)
		.where(
			and(
				eq(person.id, participantId),
				eq(person.role, 'participant'),
				eq(person.organisationId, actor.organisationId),
				isNull(person.deactivatedAt)
			)
		)
		.limit(1);
	if (!row) return null;
	return {
		row,
		context: {
			participantId,
			organisationId: actor.organisationId,
			actorTrainsParticipant: row.trains,
			sharedWithActor: row.linkId !== null,
			sharedWithCareTeam: row.sharedWithCareTeam
		}
	};
}

function readerAs(actor: Actor, participantId: string, linkId: string | null): PlanReader['as'] {
	if (actor.personId === participantId) return 'self';
	return linkId !== null ? 'significant_other' : 'care_team';
}

/**
 * The plan's reader when the actor may read this participant's plan; otherwise NotFound with the
 * refusal in the access log. A trainer whose participant does not share the plan with the care team
 * is refused like anyone else.
 */
export async function requirePlanReader(
	db: Db | Tx,
	actor: Actor,
	participantId: string
): Promise<PlanReader> {
	const reader = await findPlanReader(db, actor, participantId);
	if (reader) return reader;
	await recordRefusal(db, actor, { type: 'relapse_plan', id: participantId }, 'R');
	throw new NotFound('plan');
}

/**
 * The plan's reader when the actor may read it, or null (not logged): for a capability that shows a
 * plan where there is one to show, such as the printed workbook (a trainer's print leaves out a plan
 * not shared with the care team).
 */
export async function findPlanReader(
	db: Db | Tx,
	actor: Actor,
	participantId: string
): Promise<PlanReader | null> {
	const found = await planContext(db, actor, participantId);
	if (!found || !canReadPlan(actor, found.context)) return null;
	return {
		participantId,
		participantName: found.row.name,
		organisationId: found.context.organisationId,
		as: readerAs(actor, participantId, found.row.linkId),
		shareGoal: found.row.linkId !== null && found.row.shareGoal === true,
		linkId: found.row.linkId,
		sharedWithCareTeam: found.context.sharedWithCareTeam
	};
}

/**
 * A naaste's view of a participant's goal: only when the participant shares it with them; otherwise
 * NotFound with the refusal in the access log.
 */
export async function requireSharedGoal(
	db: Db | Tx,
	actor: Actor,
	participantId: string
): Promise<PlanReader> {
	const found = await planContext(db, actor, participantId);
	const context = found && { ...found.context, sharedWithActor: found.row.shareGoal === true };
	if (!found || !context || found.row.linkId === null || !canSeeParticipantData(actor, context)) {
		await recordRefusal(db, actor, { type: 'goal', id: participantId }, 'R');
		throw new NotFound('goal');
	}
	return {
		participantId,
		participantName: found.row.name,
		organisationId: found.context.organisationId,
		as: 'significant_other',
		shareGoal: true,
		linkId: found.row.linkId,
		sharedWithCareTeam: found.context.sharedWithCareTeam
	};
}

/**
 * The participant's own id: only they write their plan and decide what they share (nobody on their
 * behalf); Forbidden for anyone else.
 */
export function requireOwnPlan(actor: Actor): string {
	if (!canManageOwnSharing(actor, actor.personId)) throw new Forbidden('own_data_only');
	return actor.personId;
}

/**
 * An open link between a participant and a naaste that the actor is one end of (the participant who
 * shares, or the naaste); otherwise NotFound with the refusal in the access log.
 */
export async function requireOwnLink(
	db: Db | Tx,
	actor: Actor,
	linkId: string
): Promise<{ id: string; participantId: string; significantOtherId: string }> {
	const [link] = isUuid(linkId)
		? await db
				.select({
					id: significantOtherLink.id,
					participantId: significantOtherLink.participantId,
					significantOtherId: significantOtherLink.significantOtherId
				})
				.from(significantOtherLink)
				.where(
					and(
						eq(significantOtherLink.id, linkId),
						isNull(significantOtherLink.endedAt),
						sql`${actor.personId} in (${significantOtherLink.participantId}, ${significantOtherLink.significantOtherId})`
					)
				)
		: [];
	if (!link) {
		await recordRefusal(db, actor, { type: 'significant_other_link', id: linkId }, 'U');
		throw new NotFound('link');
	}
	return link;
}
