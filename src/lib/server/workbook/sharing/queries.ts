/**
 * What is shared with whom: the participant's own overview, the naaste's list of people who share
 * with them, and the goal a participant shares with a naaste (logged).
 */
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { requireOwnPlan, requireSharedGoal } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import {
	consent,
	goalStep,
	loginCard,
	person,
	recoveryGoal,
	relapsePlan,
	significantOtherLink,
	user
} from '../../db/schema';
import { isRealEmail } from '../../people/placeholder-email';
import { SIGNIFICANT_OTHERS_MAX } from './schema';

export interface SharedLink {
	id: string;
	name: string;
	email: string | null;
	shareGoal: boolean;
	invitedBy: 'email' | 'card';
	createdAt: Date;
	/** Whether the naaste has signed in at least once (used their code). */
	signedIn: boolean;
}

/** How many ended links the overview still lists. */
export const ENDED_SHOWN = 10;

/** The participant's own overview: who reads what now, the care-team switch, and recent ended links. */
export async function ownSharing(
	db: Db,
	actor: Actor
): Promise<{
	links: SharedLink[];
	ended: { name: string; endedAt: Date; byParticipant: boolean }[];
	sharedWithCareTeam: boolean;
	full: boolean;
}> {
	const participantId = requireOwnPlan(actor);
	const rows = await db
		.select({
			id: significantOtherLink.id,
			name: significantOtherLink.description,
			email: user.email,
			shareGoal: significantOtherLink.shareGoal,
			invitedBy: significantOtherLink.invitedBy,
			createdAt: significantOtherLink.createdAt,
			// Every naaste's first sign-in is with a code: a used one means they have been in.
			signedIn: sql<boolean>`exists (select 1 from ${loginCard} where ${loginCard.personId} = ${person.id}
				and ${loginCard.usedAt} is not null)`
		})
		.from(significantOtherLink)
		.innerJoin(person, eq(person.id, significantOtherLink.significantOtherId))
		.leftJoin(user, eq(user.id, person.userId))
		.where(and(eq(significantOtherLink.participantId, participantId), isNull(significantOtherLink.endedAt)))
		.orderBy(asc(significantOtherLink.createdAt))
		.limit(SIGNIFICANT_OTHERS_MAX);
	const ended = await db
		.select({
			name: significantOtherLink.description,
			endedAt: significantOtherLink.endedAt,
			endedBy: significantOtherLink.endedByPersonId
		})
		.from(significantOtherLink)
		.where(
			and(eq(significantOtherLink.participantId, participantId), isNotNull(significantOtherLink.endedAt))
		)
		.orderBy(desc(significantOtherLink.endedAt))
		.limit(ENDED_SHOWN);
	const [settings] = await db
		.select({ sharedWithCareTeam: relapsePlan.sharedWithCareTeam })
		.from(relapsePlan)
		.where(eq(relapsePlan.personId, participantId));
	return {
		links: rows.map((row) => ({
			id: row.id,
			name: row.name,
			email: row.email && isRealEmail(row.email) ? row.email : null,
			shareGoal: row.shareGoal,
			invitedBy: row.invitedBy,
			createdAt: row.createdAt,
			signedIn: row.signedIn
		})),
		ended: ended.map((row) => ({
			name: row.name,
			endedAt: row.endedAt!,
			byParticipant: row.endedBy === participantId
		})),
		sharedWithCareTeam: settings?.sharedWithCareTeam ?? false,
		full: rows.length >= SIGNIFICANT_OTHERS_MAX
	};
}

/** The most people a naaste's list shows (someone is a naaste of a few people, not of many). */
const SHARED_WITH_ME_MAX = 20;

/** For a naaste: the participants who share with them now, and what. */
export async function sharedWithMe(
	db: Db,
	actor: Actor
): Promise<{ linkId: string; participantId: string; name: string; shareGoal: boolean }[]> {
	if (!actor.organisationId) return [];
	return db
		.select({
			linkId: significantOtherLink.id,
			participantId: significantOtherLink.participantId,
			name: person.displayName,
			shareGoal: significantOtherLink.shareGoal
		})
		.from(significantOtherLink)
		.innerJoin(person, eq(person.id, significantOtherLink.participantId))
		.where(
			and(
				eq(significantOtherLink.significantOtherId, actor.personId),
				isNull(significantOtherLink.endedAt),
				eq(person.organisationId, actor.organisationId),
				isNull(person.deactivatedAt),
				// A participant who withdrew the consent for naasten shares nothing, until they give it again.
				sql`exists (select 1 from ${consent} where ${consent.personId} = ${person.id}
					and ${consent.purpose} = 'naaste' and ${consent.given})`
			)
		)
		.orderBy(asc(person.displayName), asc(significantOtherLink.id))
		.limit(SHARED_WITH_ME_MAX);
}

/** The goal a participant shares with this naaste: its words, why, and its open steps (logged). */
export async function sharedGoal(
	db: Db,
	actor: Actor,
	participantId: string
): Promise<{ text: string; why: string; steps: string[] } | null> {
	await requireSharedGoal(db, actor, participantId);
	const [goal] = await db
		.select({ id: recoveryGoal.id, text: recoveryGoal.text, why: recoveryGoal.why })
		.from(recoveryGoal)
		.where(and(eq(recoveryGoal.personId, participantId), eq(recoveryGoal.isCurrent, true)));
	const steps = goal
		? await db
				.select({ text: goalStep.text })
				.from(goalStep)
				.where(and(eq(goalStep.goalId, goal.id), eq(goalStep.status, 'open')))
				.orderBy(asc(goalStep.createdAt))
				.limit(20)
		: [];
	await record(db, {
		eventType: 'significant_other.goal_read',
		action: 'R',
		actor,
		participantId,
		object: { type: 'goal', id: goal?.id ?? participantId }
	});
	return goal ? { text: goal.text, why: goal.why, steps: steps.map((step) => step.text) } : null;
}
