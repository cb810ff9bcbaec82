/**
 * Recovery goals and their steps as they are read: a participant's own, or — logged — by a trainer of
 * their group. The writes are in ./commands.ts.
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { GoalStatus, LifeArea } from '$lib/domain/goals';
import type { Actor } from '$lib/domain/policy';
import { targetSessionDate } from '$lib/domain/week';
import { requireParticipantAccess, type ParticipantScope } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { goalEvent, goalStep, person, recoveryGoal } from '../db/schema';
import { withHeldSessions } from './weeks';

export interface StepView {
	id: string;
	text: string;
	targetWeek: string | null;
	status: 'open' | 'done' | 'replaced';
	addedBy: string | null;
}

export interface GoalEventView {
	kind: string;
	before: string | null;
	after: string | null;
	reason: string | null;
	by: string | null;
	at: Date;
}

export interface GoalView {
	id: string;
	lifeArea: LifeArea;
	text: string;
	why: string;
	status: GoalStatus;
	isCurrent: boolean;
	/** The trainer who wrote it for the participant, if not the participant. */
	addedBy: string | null;
	createdAt: Date;
	steps: StepView[];
	history: GoalEventView[];
}

/** The step a participant works on now: the newest open step of the goal. */
export function currentStep(goal: Pick<GoalView, 'steps'>): StepView | null {
	return goal.steps.filter((step) => step.status === 'open').at(-1) ?? null;
}

/**
 * A participant's goals, "my goal now" first, with each step's session as the group's calendar
 * stands now (a step for a moved session names its new date); a trainer's read is logged.
 * NotFound (logged) when the actor may not read them.
 */
export async function goalsOf(
	db: Db,
	actor: Actor,
	participantId: string
): Promise<{ scope: ParticipantScope; goals: GoalView[] }> {
	const found = await requireParticipantAccess(db, actor, participantId, 'read');
	const result = await goalsInScope(db, found);
	if (found.byStaff) await record(db, goalReadEntry(actor, participantId));
	return result;
}

/** The access-log row of a staff member's read of a participant's goals. */
export function goalReadEntry(actor: Actor, participantId: string) {
	return {
		eventType: 'goal.read' as const,
		action: 'R' as const,
		actor,
		participantId,
		object: { type: 'goals', id: participantId }
	};
}

/** The goals of a participant the access module let through, with step dates as the calendar stands now. */
export async function goalsInScope(
	db: Db,
	found: ParticipantScope
): Promise<{ scope: ParticipantScope; goals: GoalView[] }> {
	const [group, goals] = await Promise.all([
		found.group ? withHeldSessions(db, [found.group]).then(([withSessions]) => withSessions!) : null,
		loadGoals(db, found.participantId)
	]);
	const scope = { ...found, group };
	if (group)
		for (const goal of goals)
			for (const step of goal.steps)
				if (step.targetWeek) step.targetWeek = targetSessionDate(group, step.targetWeek);
	return { scope, goals };
}

/** The goals of one participant (no access check: callers check). */
export async function loadGoals(db: Db | Tx, participantId: string): Promise<GoalView[]> {
	const goals = await db
		.select({
			id: recoveryGoal.id,
			lifeArea: recoveryGoal.lifeArea,
			text: recoveryGoal.text,
			why: recoveryGoal.why,
			status: recoveryGoal.status,
			isCurrent: recoveryGoal.isCurrent,
			createdAt: recoveryGoal.createdAt,
			createdBy: recoveryGoal.createdByPersonId,
			addedBy: person.displayName
		})
		.from(recoveryGoal)
		.leftJoin(person, eq(person.id, recoveryGoal.createdByPersonId))
		.where(eq(recoveryGoal.personId, participantId))
		.orderBy(desc(recoveryGoal.isCurrent), desc(recoveryGoal.createdAt));
	if (goals.length === 0) return [];
	const ids = goals.map((goal) => goal.id);
	// One after the other: inside a transaction (the printed workbook) its one connection runs one
	// query at a time.
	const steps = await db
		.select({
			id: goalStep.id,
			goalId: goalStep.goalId,
			text: goalStep.text,
			targetWeek: goalStep.targetWeek,
			status: goalStep.status,
			createdBy: goalStep.createdByPersonId,
			addedBy: person.displayName
		})
		.from(goalStep)
		.leftJoin(person, eq(person.id, goalStep.createdByPersonId))
		.where(inArray(goalStep.goalId, ids))
		.orderBy(asc(goalStep.createdAt));
	const events = await db
		.select({
			goalId: goalEvent.goalId,
			kind: goalEvent.kind,
			before: goalEvent.before,
			after: goalEvent.after,
			reason: goalEvent.reason,
			by: person.displayName,
			at: goalEvent.at
		})
		.from(goalEvent)
		.leftJoin(person, eq(person.id, goalEvent.byPersonId))
		.where(inArray(goalEvent.goalId, ids))
		.orderBy(asc(goalEvent.id));
	return goals.map(({ createdBy, addedBy, ...goal }) => ({
		...goal,
		addedBy: createdBy && createdBy !== participantId ? addedBy : null,
		steps: steps
			.filter((step) => step.goalId === goal.id)
			.map(({ goalId: _goalId, createdBy: stepBy, addedBy: stepAddedBy, ...step }) => ({
				...step,
				addedBy: stepBy && stepBy !== participantId ? stepAddedBy : null
			})),
		history: events.filter((event) => event.goalId === goal.id).map(({ goalId: _goalId, ...event }) => event)
	}));
}
