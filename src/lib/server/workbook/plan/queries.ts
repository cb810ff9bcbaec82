/**
 * Reading the relapse-prevention plan: the participant's own (with its versions), a plan read by a
 * naaste or the care team (logged), and what a trainer may know without reading it: whether there is
 * one and whether it is shared.
 */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { filledSteps, normalisePlan, PLAN_STEPS, reviewDate, type PlanContent } from '$lib/domain/plan';
import type { Actor } from '$lib/domain/policy';
import { requireOwnPlan, requireParticipantAccess, requirePlanReader, type PlanReader } from '../../access';
import { record } from '../../audit/record';
import type { Db, Tx } from '../../db/client';
import { person, relapsePlan, relapsePlanVersion, significantOtherLink } from '../../db/schema';
import { NotFound } from '../../errors';

/** A plan as its pages show it. */
export interface PlanView {
	content: PlanContent;
	/** The version shown, its day and last change; null when nothing was written yet. */
	versionId: string | null;
	day: string | null;
	updatedAt: Date | null;
	/** Who wrote the last change when it was not the participant. */
	enteredBy: string | null;
	reviewMonths: number;
	/** When to look at it again: `reviewMonths` after the last change. */
	reviewDue: string | null;
	sharedWithCareTeam: boolean;
	filled: number;
	total: number;
}

/** The newest version of a person's plan and its settings. */
export async function latestPlan(db: Db | Tx, personId: string): Promise<PlanView> {
	const [settings] = await db
		.select({ reviewMonths: relapsePlan.reviewMonths, sharedWithCareTeam: relapsePlan.sharedWithCareTeam })
		.from(relapsePlan)
		.where(eq(relapsePlan.personId, personId));
	const [latest] = await db
		.select({
			id: relapsePlanVersion.id,
			day: relapsePlanVersion.day,
			content: relapsePlanVersion.content,
			updatedAt: relapsePlanVersion.updatedAt,
			enteredBy: person.displayName
		})
		.from(relapsePlanVersion)
		.leftJoin(person, eq(person.id, relapsePlanVersion.enteredByPersonId))
		.where(eq(relapsePlanVersion.personId, personId))
		.orderBy(desc(relapsePlanVersion.day))
		.limit(1);
	return viewOf(latest ?? null, settings?.reviewMonths ?? 6, settings?.sharedWithCareTeam ?? false);
}

function viewOf(
	version: { id: string; day: string; content: unknown; updatedAt: Date; enteredBy: string | null } | null,
	reviewMonths: number,
	sharedWithCareTeam: boolean
): PlanView {
	const content = normalisePlan(version?.content);
	return {
		content,
		versionId: version?.id ?? null,
		day: version?.day ?? null,
		updatedAt: version?.updatedAt ?? null,
		enteredBy: version?.enteredBy ?? null,
		reviewMonths,
		reviewDue: version ? reviewDate(version.day, reviewMonths) : null,
		sharedWithCareTeam,
		filled: filledSteps(content),
		total: PLAN_STEPS.length
	};
}

/** The participant's own plan, newest version (not logged: it is their own). */
export async function ownPlan(db: Db, actor: Actor): Promise<PlanView> {
	return latestPlan(db, requireOwnPlan(actor));
}

/**
 * A participant's plan for whoever may read it (the participant, a naaste they share it with, their
 * trainers when shared with the care team); a read by someone else is logged. NotFound otherwise.
 */
export async function planFor(
	db: Db,
	actor: Actor,
	participantId: string
): Promise<{ reader: PlanReader; plan: PlanView }> {
	const reader = await requirePlanReader(db, actor, participantId);
	const plan = await latestPlan(db, participantId);
	if (reader.as !== 'self')
		await record(db, {
			eventType: 'plan.read',
			action: 'R',
			actor,
			participantId,
			object: { type: 'relapse_plan', id: plan.versionId ?? participantId }
		});
	return { reader, plan };
}

/** The most versions the list shows: one a day the plan changed, newest first. */
export const VERSIONS_SHOWN = 50;

/** The participant's own versions, newest first (day and last change). */
export async function ownPlanVersions(
	db: Db,
	actor: Actor
): Promise<{ id: string; day: string; updatedAt: Date }[]> {
	const personId = requireOwnPlan(actor);
	return db
		.select({
			id: relapsePlanVersion.id,
			day: relapsePlanVersion.day,
			updatedAt: relapsePlanVersion.updatedAt
		})
		.from(relapsePlanVersion)
		.where(eq(relapsePlanVersion.personId, personId))
		.orderBy(desc(relapsePlanVersion.day))
		.limit(VERSIONS_SHOWN);
}

/** One of the participant's own older versions; NotFound for any other id. */
export async function ownPlanVersion(db: Db, actor: Actor, versionId: string): Promise<PlanView> {
	const personId = requireOwnPlan(actor);
	const [settings] = await db
		.select({ reviewMonths: relapsePlan.reviewMonths, sharedWithCareTeam: relapsePlan.sharedWithCareTeam })
		.from(relapsePlan)
		.where(eq(relapsePlan.personId, personId));
	const [version] = await db
		.select({
			id: relapsePlanVersion.id,
			day: relapsePlanVersion.day,
			content: relapsePlanVersion.content,
			updatedAt: relapsePlanVersion.updatedAt,
			enteredBy: person.displayName
		})
		.from(relapsePlanVersion)
		.leftJoin(person, eq(person.id, relapsePlanVersion.enteredByPersonId))
		.where(and(eq(relapsePlanVersion.id, versionId), eq(relapsePlanVersion.personId, personId)));
	if (!version) throw new NotFound('plan_version');
	return viewOf(version, settings?.reviewMonths ?? 6, settings?.sharedWithCareTeam ?? false);
}

/** What a trainer may know of a participant's plan without reading it (the fidelity item). */
export interface PlanStatus {
	exists: boolean;
	updatedAt: Date | null;
	sharedWithCareTeam: boolean;
	/** How many naasten it is shared with now. */
	significantOthers: number;
}

/**
 * Whether a participant has a plan and with whom it is shared, for the trainers of their group (and
 * the participant); the read is logged. NotFound for anyone else.
 */
export async function planStatus(db: Db, actor: Actor, participantId: string): Promise<PlanStatus> {
	const scope = await requireParticipantAccess(db, actor, participantId, 'read');
	const [latest] = await db
		.select({ updatedAt: relapsePlanVersion.updatedAt })
		.from(relapsePlanVersion)
		.where(eq(relapsePlanVersion.personId, participantId))
		.orderBy(desc(relapsePlanVersion.day))
		.limit(1);
	const [settings] = await db
		.select({ sharedWithCareTeam: relapsePlan.sharedWithCareTeam })
		.from(relapsePlan)
		.where(eq(relapsePlan.personId, participantId));
	const [links] = await db
		.select({ n: count() })
		.from(significantOtherLink)
		.where(and(eq(significantOtherLink.participantId, participantId), isNull(significantOtherLink.endedAt)));
	if (scope.byStaff)
		await record(db, {
			eventType: 'plan.status_read',
			action: 'R',
			actor,
			participantId,
			object: { type: 'relapse_plan', id: participantId }
		});
	return {
		exists: latest !== undefined,
		updatedAt: latest?.updatedAt ?? null,
		sharedWithCareTeam: settings?.sharedWithCareTeam ?? false,
		significantOthers: links?.n ?? 0
	};
}

/** The participant's own plan for the wallet card: making the card to print is in the access log. */
export async function ownPlanForCard(db: Db, actor: Actor): Promise<PlanView> {
	const plan = await latestPlan(db, requireOwnPlan(actor));
	await record(db, {
		eventType: 'plan.card_print',
		action: 'E',
		actor,
		participantId: actor.personId,
		object: { type: 'relapse_plan', id: plan.versionId ?? actor.personId }
	});
	return plan;
}
