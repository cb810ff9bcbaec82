/**
 * Writing the relapse-prevention plan: one screen's answer at a time (autosaved), the review period
 * and the care-team switch. Only the participant writes their own plan.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { emptyPlan, normalisePlan, planStep, withAnswer } from '$lib/domain/plan';
import { noteConsentChange } from '../../privacy/consent-log';
import type { Actor } from '$lib/domain/policy';
import { local } from '$lib/domain/schedule';
import { requireOwnPlan } from '../../access';
import { record } from '../../audit/record';
import type { Db, Tx } from '../../db/client';
import { relapsePlan, relapsePlanVersion } from '../../db/schema';
import { NotFound } from '../../errors';
import type { PlanAnswerInput } from './schema';

/** The plan's settings row, locked: one person's saves follow each other. */
async function lockPlan(tx: Tx, personId: string): Promise<void> {
	await tx.insert(relapsePlan).values({ personId }).onConflictDoNothing();
	await tx.execute(sql`select 1 from ${relapsePlan} where ${relapsePlan.personId} = ${personId} for update`);
}

/**
 * Saves one screen's answer into today's version of the plan: the first change of a day starts a
 * new version (the older ones stay readable), later changes that day update it.
 */
export async function savePlanAnswer(
	db: Db,
	actor: Actor,
	stepKey: string,
	input: PlanAnswerInput,
	now = new Date()
): Promise<{ versionId: string }> {
	const personId = requireOwnPlan(actor);
	const found = planStep(stepKey);
	if (!found) throw new NotFound('plan_step');
	return db.transaction(async (tx) => {
		await lockPlan(tx, personId);
		const today = local(now).date;
		// Today's version if there is one (also when a later-dated one exists), else the newest.
		const [latest] = await tx
			.select({ id: relapsePlanVersion.id, day: relapsePlanVersion.day, content: relapsePlanVersion.content })
			.from(relapsePlanVersion)
			.where(eq(relapsePlanVersion.personId, personId))
			.orderBy(sql`${relapsePlanVersion.day} = ${today} desc`, desc(relapsePlanVersion.day))
			.limit(1);
		const content = withAnswer(latest ? normalisePlan(latest.content) : emptyPlan(), found.step, {
			text: input.text,
			contacts: { careTeam: input.careTeam, gp: input.gp, other: input.other }
		});
		let versionId: string;
		if (latest?.day === today) {
			await tx
				.update(relapsePlanVersion)
				.set({ content, enteredByPersonId: null, updatedAt: now })
				.where(eq(relapsePlanVersion.id, latest.id));
			versionId = latest.id;
		} else {
			const [created] = await tx
				.insert(relapsePlanVersion)
				.values({ personId, day: today, content, createdAt: now, updatedAt: now })
				.returning({ id: relapsePlanVersion.id });
			versionId = created!.id;
		}
		await tx.update(relapsePlan).set({ updatedAt: now }).where(eq(relapsePlan.personId, personId));
		await record(tx, {
			eventType: 'plan.update',
			action: latest ? 'U' : 'C',
			actor,
			participantId: personId,
			object: { type: 'relapse_plan_version', id: versionId }
		});
		return { versionId };
	});
}

/** After how many months the participant wants to be reminded to look at the plan again. */
export async function setPlanReview(db: Db, actor: Actor, months: number): Promise<void> {
	const personId = requireOwnPlan(actor);
	await db.transaction(async (tx) => {
		await lockPlan(tx, personId);
		await tx.update(relapsePlan).set({ reviewMonths: months }).where(eq(relapsePlan.personId, personId));
		await record(tx, {
			eventType: 'plan.settings_update',
			action: 'U',
			actor,
			participantId: personId,
			object: { type: 'relapse_plan', id: personId }
		});
	});
}

/** The participant's own switch: the trainers of their group may read the plan, or not (at once). */
export async function setCareTeamSharing(db: Db, actor: Actor, on: boolean): Promise<void> {
	const personId = requireOwnPlan(actor);
	await db.transaction(async (tx) => {
		await lockPlan(tx, personId);
		const changed = await tx
			.update(relapsePlan)
			.set({ sharedWithCareTeam: on })
			.where(and(eq(relapsePlan.personId, personId), sql`${relapsePlan.sharedWithCareTeam} <> ${on}`))
			.returning({ personId: relapsePlan.personId });
		if (changed.length === 0) return;
		await noteConsentChange(tx, { personId, purpose: 'care_team', given: on, byPersonId: personId });
		await record(tx, {
			eventType: 'plan.share_care_team',
			action: 'U',
			actor,
			participantId: personId,
			object: { type: 'relapse_plan', id: personId }
		});
	});
}
