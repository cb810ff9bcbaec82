/**
 * Recovery goals and their steps. Participants write their own; a trainer may write for a member of
 * their group, which shows as "added by trainer X" and is in the access log. Nothing is overwritten:
 * each change leaves a goal_event with the text before, the text after and the reason.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { goalChangeRule, type GoalChange, type GoalStatus, type LifeArea } from '$lib/domain/goals';
import type { Actor } from '$lib/domain/policy';
import { targetSessionDate } from '$lib/domain/week';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { goalEvent, goalStep, person, recoveryGoal } from '../db/schema';
import { claimFormKey, releaseFormKey } from '../idempotency';
import { currentDb } from '../runtime';
import { participantScope, isUuid, type ParticipantScope } from './access';
import { forgetOverview } from './overview-cache';
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
 */
export async function goalsOf(
	actor: Actor,
	participantId: string,
	db: Db = currentDb()
): Promise<{ scope: ParticipantScope; goals: GoalView[] } | null> {
	const found = await participantScope(actor, participantId, db);
	if (!found) return null;
	const [group, goals] = await Promise.all([
		found.group ? withHeldSessions(db, [found.group]).then(([withSessions]) => withSessions!) : null,
		loadGoals(db, participantId)
	]);
	const scope = { ...found, group };
	if (group)
		for (const goal of goals)
			for (const step of goal.steps)
				if (step.targetWeek) step.targetWeek = targetSessionDate(group, step.targetWeek);
	if (scope.byStaff)
		await record(db, {
			eventType: 'goal.read',
			action: 'R',
			actor,
			participantId,
			object: { type: 'goals', id: participantId }
		});
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
	const [steps, events] = await Promise.all([
		db
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
			.orderBy(asc(goalStep.createdAt)),
		db
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
			.orderBy(asc(goalEvent.id))
	]);
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

export interface NewGoal {
	lifeArea: LifeArea;
	text: string;
	why: string;
	step?: string;
	targetWeek?: string | null;
	/** The form's idempotency key: a resend of the same post returns the first goal's id. */
	key?: string | null;
}

/** Adds a goal; it becomes "my goal now". Returns its id, or null when the actor may not. */
export async function createGoal(
	actor: Actor,
	participantId: string,
	input: NewGoal,
	db: Db = currentDb()
): Promise<string | null> {
	forgetOverview(participantId);
	return db.transaction(async (tx) => {
		const scope = await participantScope(actor, participantId, tx);
		if (!scope) return null;
		const goalId = randomUUID();
		const first = await claimFormKey(
			tx,
			{ personId: actor.personId, action: 'goal.create', key: input.key },
			goalId
		);
		if (first) return first.result;
		await tx
			.update(recoveryGoal)
			.set({ isCurrent: false })
			.where(and(eq(recoveryGoal.personId, participantId), eq(recoveryGoal.isCurrent, true)));
		const [goal] = await tx
			.insert(recoveryGoal)
			.values({
				id: goalId,
				personId: participantId,
				lifeArea: input.lifeArea,
				text: input.text,
				why: input.why,
				isCurrent: true,
				createdByPersonId: actor.personId
			})
			.returning({ id: recoveryGoal.id });
		await tx
			.insert(goalEvent)
			.values({ goalId: goal!.id, kind: 'created', after: input.text, byPersonId: actor.personId });
		if (input.step)
			await insertStep(tx, actor, goal!.id, participantId, input.step, input.targetWeek ?? null);
		await record(tx, {
			eventType: 'goal.create',
			action: 'C',
			actor,
			participantId,
			onBehalfOfPersonId: scope.byStaff ? participantId : null,
			object: { type: 'goal', id: goal!.id }
		});
		return goal!.id;
	});
}

async function insertStep(
	tx: Tx,
	actor: Actor,
	goalId: string,
	participantId: string,
	text: string,
	targetWeek: string | null,
	id: string = randomUUID()
): Promise<string> {
	const [step] = await tx
		.insert(goalStep)
		.values({ id, goalId, personId: participantId, text, targetWeek, createdByPersonId: actor.personId })
		.returning({ id: goalStep.id });
	await tx.insert(goalEvent).values({ goalId, kind: 'step_added', after: text, byPersonId: actor.personId });
	return step!.id;
}

/** The goal with its owner, locked for a change, if this actor may change it. */
async function goalForChange(tx: Tx, actor: Actor, goalId: string) {
	if (!isUuid(goalId)) return null;
	const [goal] = await tx
		.select({
			id: recoveryGoal.id,
			personId: recoveryGoal.personId,
			text: recoveryGoal.text,
			status: recoveryGoal.status
		})
		.from(recoveryGoal)
		.where(eq(recoveryGoal.id, goalId))
		.for('update');
	if (!goal) return null;
	const scope = await participantScope(actor, goal.personId, tx);
	if (!scope) return null;
	// The overview shows goals; other instances hear of the change when it commits.
	forgetOverview(goal.personId);
	return { goal, scope };
}

export type ChangeResult = 'done' | 'refused' | 'needs-reason' | 'not-found';

/** Changes a goal's text, or marks it reached or stopped, with the reason kept in its history. */
export async function changeGoal(
	actor: Actor,
	goalId: string,
	input: { change: GoalChange; text?: string; reason?: string; key?: string | null },
	db: Db = currentDb()
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		const found = await goalForChange(tx, actor, goalId);
		if (!found) return 'not-found';
		const { goal, scope } = found;
		// Under the goal's row lock: a replay of a change that was made answers 'done' again.
		const claim = { personId: actor.personId, action: 'goal.change', key: input.key };
		const first = await claimFormKey(tx, claim, 'done' as ChangeResult);
		if (first) return first.result;
		const refused = (result: ChangeResult) => releaseFormKey(tx, claim).then(() => result);
		const rule = goalChangeRule(goal.status, input.change);
		if (rule === 'refused') return refused('refused');
		const reason = input.reason?.trim() || null;
		if (rule === 'needs-reason' && !reason) return refused('needs-reason');
		if (input.change === 'edit') {
			const text = input.text?.trim();
			if (!text) return refused('refused');
			await tx.update(recoveryGoal).set({ text }).where(eq(recoveryGoal.id, goal.id));
			await tx.insert(goalEvent).values({
				goalId: goal.id,
				kind: 'changed',
				before: goal.text,
				after: text,
				reason,
				byPersonId: actor.personId
			});
		} else {
			const status = input.change === 'reach' ? 'reached' : 'stopped';
			await tx
				.update(recoveryGoal)
				.set({ status, isCurrent: false, closedAt: new Date() })
				.where(eq(recoveryGoal.id, goal.id));
			await tx
				.update(goalStep)
				.set({ status: 'replaced', closedAt: new Date() })
				.where(and(eq(goalStep.goalId, goal.id), eq(goalStep.status, 'open')));
			await tx
				.insert(goalEvent)
				.values({ goalId: goal.id, kind: status, before: goal.text, reason, byPersonId: actor.personId });
		}
		await record(tx, {
			eventType: 'goal.update',
			action: 'U',
			actor,
			participantId: goal.personId,
			onBehalfOfPersonId: scope.byStaff ? goal.personId : null,
			object: { type: 'goal', id: goal.id }
		});
		return 'done';
	});
}

/** Makes an active goal "my goal now" (with the form's key, a replay answers 'done' and adds nothing). */
export async function makeCurrentGoal(
	actor: Actor,
	goalId: string,
	db: Db = currentDb(),
	key?: string | null
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		const found = await goalForChange(tx, actor, goalId);
		if (!found) return 'not-found';
		if (found.goal.status !== 'active') return 'refused';
		const first = await claimFormKey(tx, { personId: actor.personId, action: 'goal.current', key }, 'done');
		if (first) return first.result as ChangeResult;
		await tx
			.update(recoveryGoal)
			.set({ isCurrent: false })
			.where(and(eq(recoveryGoal.personId, found.goal.personId), eq(recoveryGoal.isCurrent, true)));
		await tx.update(recoveryGoal).set({ isCurrent: true }).where(eq(recoveryGoal.id, found.goal.id));
		await tx
			.insert(goalEvent)
			.values({ goalId: found.goal.id, kind: 'made_current', byPersonId: actor.personId });
		await record(tx, {
			eventType: 'goal.update',
			action: 'U',
			actor,
			participantId: found.goal.personId,
			onBehalfOfPersonId: found.scope.byStaff ? found.goal.personId : null,
			object: { type: 'goal', id: found.goal.id }
		});
		return 'done';
	});
}

/**
 * Adds a step to an active goal. With `replaces`, the participant's open steps of that goal are
 * closed as replaced (the check-in's "change my step"); otherwise they stay open.
 */
export async function addStep(
	actor: Actor,
	goalId: string,
	input: { text: string; targetWeek: string | null; replaces?: boolean; key?: string | null },
	db: Db | Tx = currentDb()
): Promise<string | null> {
	const run = async (tx: Tx) => {
		const found = await goalForChange(tx, actor, goalId);
		if (!found || found.goal.status !== 'active') return null;
		const stepId = randomUUID();
		// A resend of the same form returns the first step's id and adds nothing.
		const first = await claimFormKey(
			tx,
			{ personId: actor.personId, action: 'goal.step', key: input.key },
			stepId
		);
		if (first) return first.result;
		if (input.replaces) await replaceOpenSteps(tx, actor, found.goal.id);
		const id = await insertStep(
			tx,
			actor,
			found.goal.id,
			found.goal.personId,
			input.text,
			input.targetWeek,
			stepId
		);
		await record(tx, {
			eventType: 'goal.update',
			action: 'U',
			actor,
			participantId: found.goal.personId,
			onBehalfOfPersonId: found.scope.byStaff ? found.goal.personId : null,
			object: { type: 'goal', id: found.goal.id }
		});
		return id;
	};
	// Inside a check-in's transaction this is a savepoint.
	return db.transaction(run);
}

async function replaceOpenSteps(tx: Tx, actor: Actor, goalId: string): Promise<void> {
	const replaced = await tx
		.update(goalStep)
		.set({ status: 'replaced', closedAt: new Date() })
		.where(and(eq(goalStep.goalId, goalId), eq(goalStep.status, 'open')))
		.returning({ text: goalStep.text });
	for (const step of replaced)
		await tx
			.insert(goalEvent)
			.values({ goalId, kind: 'step_replaced', before: step.text, byPersonId: actor.personId });
}

/** Marks a step done (with the form's key, a replay answers 'done' again and adds nothing). */
export async function finishStep(
	actor: Actor,
	stepId: string,
	db: Db = currentDb(),
	key?: string | null
): Promise<ChangeResult> {
	if (!isUuid(stepId)) return 'not-found';
	return db.transaction(async (tx) => {
		const [step] = await tx
			.select({ id: goalStep.id, goalId: goalStep.goalId, text: goalStep.text, status: goalStep.status })
			.from(goalStep)
			.where(eq(goalStep.id, stepId));
		if (!step) return 'not-found';
		const found = await goalForChange(tx, actor, step.goalId);
		if (!found) return 'not-found';
		const first = await claimFormKey(tx, { personId: actor.personId, action: 'goal.step_done', key }, 'done');
		if (first) return first.result as ChangeResult;
		if (step.status !== 'open')
			return releaseFormKey(tx, { personId: actor.personId, action: 'goal.step_done', key }).then(
				() => 'refused' as const
			);
		await tx.update(goalStep).set({ status: 'done', closedAt: new Date() }).where(eq(goalStep.id, step.id));
		await tx
			.insert(goalEvent)
			.values({ goalId: step.goalId, kind: 'step_done', before: step.text, byPersonId: actor.personId });
		await record(tx, {
			eventType: 'goal.update',
			action: 'U',
			actor,
			participantId: found.goal.personId,
			onBehalfOfPersonId: found.scope.byStaff ? found.goal.personId : null,
			object: { type: 'goal', id: step.goalId }
		});
		return 'done';
	});
}
