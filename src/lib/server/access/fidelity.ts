/**
 * The fidelity self-assessment's door: a group's trainers and its organisation's coordinator read and
 * write its assessments and the evidence behind the proposals (canAssessFidelity). Anyone else, and
 * another organisation's group, gets NotFound with the refusal in the access log.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canAssessFidelity, type Actor } from '$lib/domain/policy';
import type { AuditAction } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { courseGroup, fidelityAssessment, groupTrainer } from '../db/schema';
import { NotFound } from '../errors';
import { recordRefusal } from './refusal';

/** A group whose fidelity the actor may assess. */
export interface FidelityGroup {
	id: string;
	name: string;
	organisationId: string;
	startDate: string;
}

/** An assessment of such a group. */
export interface FidelityAssessmentScope {
	group: FidelityGroup;
	assessmentId: string;
}

const groupColumns = {
	id: courseGroup.id,
	name: courseGroup.name,
	organisationId: courseGroup.organisationId,
	startDate: courseGroup.startDate,
	trainerId: groupTrainer.personId
};

type GroupRow = {
	id: string;
	name: string;
	organisationId: string;
	startDate: string;
	trainerId: string | null;
};

function allowed(actor: Actor, row: GroupRow | undefined): FidelityGroup | null {
	if (!row) return null;
	if (
		!canAssessFidelity(actor, {
			organisationId: row.organisationId,
			actorTrainsGroup: row.trainerId !== null
		})
	)
		return null;
	return { id: row.id, name: row.name, organisationId: row.organisationId, startDate: row.startDate };
}

const trainsGroup = (actor: Actor) =>
	and(eq(groupTrainer.groupId, courseGroup.id), eq(groupTrainer.personId, actor.personId));

/**
 * The group, when the actor may assess its fidelity: NotFound (logged, with `action`) otherwise —
 * another organisation's group, or one a trainer does not train, looks like none. One query.
 */
export async function requireFidelityGroup(
	db: Db | Tx,
	actor: Actor,
	groupId: string,
	action: AuditAction = 'R'
): Promise<FidelityGroup> {
	const [row] =
		actor.organisationId && isUuid(groupId)
			? await db
					.select(groupColumns)
					.from(courseGroup)
					.leftJoin(groupTrainer, trainsGroup(actor))
					.where(and(eq(courseGroup.id, groupId), eq(courseGroup.organisationId, actor.organisationId)))
			: [];
	const group = allowed(actor, row);
	if (group) return group;
	await recordRefusal(db, actor, { type: 'group', id: groupId }, action);
	throw new NotFound('group');
}

/**
 * An assessment of the group in the URL, when the actor may assess that group's fidelity: NotFound
 * (logged) otherwise, also for an assessment of another group. One query.
 */
export async function requireFidelityAssessment(
	db: Db | Tx,
	actor: Actor,
	groupId: string,
	assessmentId: string,
	action: AuditAction = 'R'
): Promise<FidelityAssessmentScope> {
	const [row] =
		actor.organisationId && isUuid(groupId) && isUuid(assessmentId)
			? await db
					.select(groupColumns)
					.from(fidelityAssessment)
					.innerJoin(courseGroup, eq(courseGroup.id, fidelityAssessment.groupId))
					.leftJoin(groupTrainer, trainsGroup(actor))
					.where(
						and(
							eq(fidelityAssessment.id, assessmentId),
							eq(fidelityAssessment.groupId, groupId),
							eq(courseGroup.organisationId, actor.organisationId)
						)
					)
			: [];
	const group = allowed(actor, row);
	if (group) return { group, assessmentId };
	await recordRefusal(db, actor, { type: 'fidelity_assessment', id: assessmentId }, action);
	throw new NotFound('fidelity_assessment');
}
