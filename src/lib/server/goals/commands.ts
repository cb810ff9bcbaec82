/**
 * Recovery goals and their steps, written. Participants write their own; a trainer may write for a
 * member of their group, which shows as "added by trainer X" and is in the access log. Nothing is
 * overwritten: each change leaves a goal_event with the text before, the text after and the reason.
 * Each command asks the access module first (a refusal is logged and throws NotFound), then writes in
 * one transaction with its access-log row. Every instance's cached overview hears of the change from
 * the database when it commits (recovery_goal, goal_step → NOTIFY; see ./overview-cache.ts); this
 * instance forgets it at once, so the page it redirects to never shows the state before.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { goalChangeRule, type GoalChange, type LifeArea } from '$lib/domain/goals';
import { isUuid } from '$lib/domain/ids';
import type { Actor } from '$lib/domain/policy';
import {
	findParticipantScope,
	recordRefusal,
	requireParticipantAccess,
	requireParticipantInGroup,
	type ParticipantScope
} from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { goalEvent, goalStep, recoveryGoal } from '../db/schema';
import { forgetOverviewAfter } from './overview-cache';
import { NotFound } from '../errors';
import { claimFormKey, releaseFormKey } from '../idempotency';

export interface NewGoal {
	lifeArea: LifeArea;
	text: string;
	why: string;
	step?: string;
	targetWeek?: string | null;
	/** The form's idempotency key: a resend of the same post returns the first goal's id. */
	key?: string | null;
}

/** Where a trainer's page found the participant: their group in the URL, which must be theirs now. */
export interface InGroup {
	groupId: string;
}

/**
 * Adds a goal; it becomes "my goal now". Returns its id; NotFound (logged) when the actor may not
 * write for the participant (with `inGroup`: in that group).
 */
export async function createGoal(
	db: Db,
	actor: Actor,
	participantId: string,
	input: NewGoal,
	options: { inGroup?: InGroup } = {}
): Promise<string> {
	const scope = options.inGroup
		? await requireParticipantInGroup(db, actor, options.inGroup.groupId, participantId, 'write')
		: await requireParticipantAccess(db, actor, participantId, 'write');
	return forgetOverviewAfter(
		participantId,
		db.transaction(async (tx) => {
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
		})
	);
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

/**
 * The owner's scope of a goal (or of a step's goal) the actor may change, asked before the change's
 * transaction: NotFound otherwise, with the refusal in the access log naming only what was asked for
 * (the goal or step id, never whose it is). With `of`, the goal must also be that participant's, in
 * that group now (a trainer's page). One query for the owner, one in the access module.
 */
async function requireGoalWrite(
	db: Db,
	actor: Actor,
	asked: { type: 'goal' | 'goal_step'; id: string },
	of?: InGroup & { participantId: string }
): Promise<{ goalId: string; scope: ParticipantScope }> {
	const [owner] = !isUuid(asked.id)
		? []
		: asked.type === 'goal'
			? await db
					.select({ goalId: recoveryGoal.id, personId: recoveryGoal.personId })
					.from(recoveryGoal)
					.where(eq(recoveryGoal.id, asked.id))
			: await db
					.select({ goalId: goalStep.goalId, personId: goalStep.personId })
					.from(goalStep)
					.where(eq(goalStep.id, asked.id));
	const scope =
		owner && (!of || of.participantId === owner.personId)
			? await findParticipantScope(db, actor, owner.personId, 'write')
			: null;
	if (owner && scope && (!of || scope.group?.id === of.groupId)) return { goalId: owner.goalId, scope };
	await recordRefusal(db, actor, asked, 'U');
	throw new NotFound(asked.type);
}

/** The goal, locked for a change inside the change's transaction (its owner was checked before). */
async function lockGoal(tx: Tx, goalId: string) {
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
	// Goals are never deleted while their owner exists: gone now means erased meanwhile.
	if (!goal) throw new NotFound('goal');
	return goal;
}

/** What a change to a goal answers: done, or refused by the goal's state (see goalChangeRule). */
export type ChangeResult = 'done' | 'refused' | 'needs-reason';

/**
 * Changes a goal's text, or marks it reached or stopped, with the reason kept in its history.
 * NotFound (logged) when the actor may not change it.
 */
export async function changeGoal(
	db: Db,
	actor: Actor,
	goalId: string,
	input: { change: GoalChange; text?: string; reason?: string; key?: string | null }
): Promise<ChangeResult> {
	const { scope } = await requireGoalWrite(db, actor, { type: 'goal', id: goalId });
	return forgetOverviewAfter(
		scope.participantId,
		db.transaction(async (tx) => {
			const goal = await lockGoal(tx, goalId);
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
			await record(tx, goalUpdateEntry(actor, goal, scope));
			return 'done';
		})
	);
}

/** The access-log row of a change to a goal (a staff member's is on the participant's behalf). */
function goalUpdateEntry(
	actor: Actor,
	goal: { id: string; personId: string },
	scope: Pick<ParticipantScope, 'byStaff'>
) {
	return {
		eventType: 'goal.update' as const,
		action: 'U' as const,
		actor,
		participantId: goal.personId,
		onBehalfOfPersonId: scope.byStaff ? goal.personId : null,
		object: { type: 'goal', id: goal.id }
	};
}

/**
 * Makes an active goal "my goal now" (with the form's key, a replay answers 'done' and adds nothing).
 * NotFound (logged) when the actor may not change it.
 */
export async function makeCurrentGoal(
	db: Db,
	actor: Actor,
	goalId: string,
	key?: string | null
): Promise<ChangeResult> {
	const { scope } = await requireGoalWrite(db, actor, { type: 'goal', id: goalId });
	return forgetOverviewAfter(
		scope.participantId,
		db.transaction(async (tx) => {
			const goal = await lockGoal(tx, goalId);
			if (goal.status !== 'active') return 'refused';
			const first = await claimFormKey(tx, { personId: actor.personId, action: 'goal.current', key }, 'done');
			if (first) return first.result as ChangeResult;
			await tx
				.update(recoveryGoal)
				.set({ isCurrent: false })
				.where(and(eq(recoveryGoal.personId, goal.personId), eq(recoveryGoal.isCurrent, true)));
			await tx.update(recoveryGoal).set({ isCurrent: true }).where(eq(recoveryGoal.id, goal.id));
			await tx
				.insert(goalEvent)
				.values({ goalId: goal.id, kind: 'made_current', byPersonId: actor.personId });
			await record(tx, goalUpdateEntry(actor, goal, scope));
			return 'done';
		})
	);
}

export interface NewStep {
	text: string;
	targetWeek: string | null;
	/** Close the goal's open steps as replaced (the check-in's "change my step"); otherwise they stay open. */
	replaces?: boolean;
	key?: string | null;
}

/**
 * Adds a step to an active goal: its id, or null when the goal is no longer active. NotFound
 * (logged) when the actor may not change the goal (with `of`: unless it is that participant's, in
 * that group now).
 */
export async function addStep(
	db: Db,
	actor: Actor,
	goalId: string,
	input: NewStep,
	options: { of?: InGroup & { participantId: string } } = {}
): Promise<string | null> {
	const { scope } = await requireGoalWrite(db, actor, { type: 'goal', id: goalId }, options.of);
	return forgetOverviewAfter(
		scope.participantId,
		db.transaction((tx) => addStepInTransaction(tx, actor, goalId, scope, input))
	);
}

/**
 * Adds a step inside the caller's transaction, for a goal whose owner's scope the caller already has
 * (a check-in's new step for the participant's own current goal). Null when the goal is not active.
 */
export async function addStepInTransaction(
	tx: Tx,
	actor: Actor,
	goalId: string,
	scope: Pick<ParticipantScope, 'byStaff'>,
	input: NewStep
): Promise<string | null> {
	const goal = await lockGoal(tx, goalId);
	if (goal.status !== 'active') return null;
	const stepId = randomUUID();
	// A resend of the same form returns the first step's id and adds nothing.
	const first = await claimFormKey(
		tx,
		{ personId: actor.personId, action: 'goal.step', key: input.key },
		stepId
	);
	if (first) return first.result;
	if (input.replaces) await replaceOpenSteps(tx, actor, goal.id);
	const id = await insertStep(tx, actor, goal.id, goal.personId, input.text, input.targetWeek, stepId);
	await record(tx, goalUpdateEntry(actor, goal, scope));
	return id;
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

/**
 * Marks a step done (with the form's key, a replay answers 'done' again and adds nothing); 'refused'
 * when it is no longer open. NotFound (logged) when the actor may not change its goal.
 */
export async function finishStep(
	db: Db,
	actor: Actor,
	stepId: string,
	key?: string | null
): Promise<ChangeResult> {
	const { goalId, scope } = await requireGoalWrite(db, actor, { type: 'goal_step', id: stepId });
	return forgetOverviewAfter(
		scope.participantId,
		db.transaction(async (tx) => {
			const goal = await lockGoal(tx, goalId);
			const [step] = await tx
				.select({ id: goalStep.id, text: goalStep.text, status: goalStep.status })
				.from(goalStep)
				.where(eq(goalStep.id, stepId));
			if (!step) throw new NotFound('goal_step');
			const claim = { personId: actor.personId, action: 'goal.step_done', key };
			const first = await claimFormKey(tx, claim, 'done');
			if (first) return first.result as ChangeResult;
			if (step.status !== 'open') return releaseFormKey(tx, claim).then(() => 'refused' as const);
			await tx.update(goalStep).set({ status: 'done', closedAt: new Date() }).where(eq(goalStep.id, step.id));
			await tx
				.insert(goalEvent)
				.values({ goalId, kind: 'step_done', before: step.text, byPersonId: actor.personId });
			await record(tx, goalUpdateEntry(actor, goal, scope));
			return 'done';
		})
	);
}
