/**
 * The fidelity self-assessment written: started for a period, its items saved (only the items that
 * changed get the writer's name, so "who changed what last" stays true), finalised, reopened. Each is
 * one transaction with its access-log row, a group event that names no participant.
 */
import { and, eq } from 'drizzle-orm';
import { proposeScores, type FidelityScore } from '$lib/domain/fidelity';
import type { Actor } from '$lib/domain/policy';
import { requireFidelityAssessment, requireFidelityGroup } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { fidelityAssessment, fidelityItemScore } from '../../db/schema';
import { Conflict, Invalid } from '../../errors';
import { fidelityEvidence } from './evidence';
import { courseToday } from './queries';
import type { SaveInput } from './schema';

/**
 * Starts an assessment of the group over the period; returns its id. Invalid('tot',
 * 'fidelity_period_taken') when the group has one for exactly this period.
 */
export async function startAssessment(
	db: Db,
	actor: Actor,
	groupId: string,
	period: { periodStart: string; periodEnd: string }
): Promise<string> {
	const group = await requireFidelityGroup(db, actor, groupId, 'C');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(fidelityAssessment)
			.values({
				groupId: group.id,
				periodStart: period.periodStart,
				periodEnd: period.periodEnd,
				createdByPersonId: actor.personId,
				updatedByPersonId: actor.personId
			})
			.onConflictDoNothing()
			.returning({ id: fidelityAssessment.id });
		if (!row) throw new Invalid('tot', 'fidelity_period_taken');
		await record(tx, {
			eventType: 'fidelity.create',
			action: 'C',
			actor,
			organisationId: group.organisationId,
			object: { type: 'fidelity_assessment', id: row.id }
		});
		return row.id;
	});
}

/**
 * Saves the items of a draft and, when asked, finalises it. A proposal taken over is the proposal
 * as the evidence gives it now (worked out again here, never taken from the form). Conflict
 * ('fidelity_final') for a final assessment: reopen it first. Returns how many items changed.
 */
export async function saveAssessment(
	db: Db,
	actor: Actor,
	groupId: string,
	assessmentId: string,
	input: SaveInput
): Promise<{ changed: number }> {
	const scope = await requireFidelityAssessment(db, actor, groupId, assessmentId, 'U');
	return db.transaction(async (tx) => {
		const [assessment] = await tx
			.select({
				status: fidelityAssessment.status,
				periodStart: fidelityAssessment.periodStart,
				periodEnd: fidelityAssessment.periodEnd
			})
			.from(fidelityAssessment)
			.where(eq(fidelityAssessment.id, scope.assessmentId))
			.for('update');
		if (!assessment || assessment.status === 'final') throw new Conflict('fidelity_final');
		const wantsProposal = input.items.some((one) => one.choice === 'proposal');
		const proposals = wantsProposal
			? proposeScores(
					await fidelityEvidence(tx, scope.group.id, {
						start: assessment.periodStart,
						end: assessment.periodEnd,
						today: courseToday()
					})
				)
			: {};
		const stored = new Map(
			(
				await tx
					.select()
					.from(fidelityItemScore)
					.where(eq(fidelityItemScore.assessmentId, scope.assessmentId))
			).map((row) => [row.item, row])
		);
		const now = new Date();
		const changedRows = input.items.flatMap((one) => {
			const proposed = one.choice === 'proposal' ? (proposals[one.item]?.score ?? null) : null;
			const score: FidelityScore | null = one.choice === 'proposal' ? proposed : one.choice;
			const fromProposal = one.choice === 'proposal' && proposed !== null;
			const before = stored.get(one.item);
			const same =
				(before?.score ?? null) === score &&
				(before?.note ?? '') === one.note &&
				(before?.fromProposal ?? false) === fromProposal;
			if (same) return [];
			return [
				{
					assessmentId: scope.assessmentId,
					item: one.item,
					score,
					note: one.note,
					fromProposal,
					updatedByPersonId: actor.personId,
					updatedAt: now
				}
			];
		});
		for (const row of changedRows)
			await tx
				.insert(fidelityItemScore)
				.values(row)
				.onConflictDoUpdate({
					target: [fidelityItemScore.assessmentId, fidelityItemScore.item],
					set: {
						score: row.score,
						note: row.note,
						fromProposal: row.fromProposal,
						updatedByPersonId: row.updatedByPersonId,
						updatedAt: row.updatedAt
					}
				});
		const object = { type: 'fidelity_assessment', id: scope.assessmentId };
		const organisationId = scope.group.organisationId;
		if (changedRows.length > 0 || input.finalise)
			await tx
				.update(fidelityAssessment)
				.set({
					updatedByPersonId: actor.personId,
					...(input.finalise
						? { status: 'final', finalisedByPersonId: actor.personId, finalisedAt: now }
						: {})
				})
				.where(eq(fidelityAssessment.id, scope.assessmentId));
		if (changedRows.length > 0)
			await record(tx, { eventType: 'fidelity.update', action: 'U', actor, organisationId, object });
		if (input.finalise)
			await record(tx, { eventType: 'fidelity.finalise', action: 'U', actor, organisationId, object });
		return { changed: changedRows.length };
	});
}

/** Opens a final assessment again for changes; false when it was a draft already. */
export async function reopenAssessment(
	db: Db,
	actor: Actor,
	groupId: string,
	assessmentId: string
): Promise<boolean> {
	const scope = await requireFidelityAssessment(db, actor, groupId, assessmentId, 'U');
	return db.transaction(async (tx) => {
		const reopened = await tx
			.update(fidelityAssessment)
			.set({
				status: 'draft',
				updatedByPersonId: actor.personId,
				finalisedAt: null,
				finalisedByPersonId: null
			})
			.where(and(eq(fidelityAssessment.id, scope.assessmentId), eq(fidelityAssessment.status, 'final')))
			.returning({ id: fidelityAssessment.id });
		if (reopened.length === 0) return false;
		await record(tx, {
			eventType: 'fidelity.reopen',
			action: 'U',
			actor,
			organisationId: scope.group.organisationId,
			object: { type: 'fidelity_assessment', id: scope.assessmentId }
		});
		return true;
	});
}
