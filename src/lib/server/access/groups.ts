import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canTrainGroup, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupTrainer } from '../db/schema';
import { NotFound } from '../errors';
import { recordRefusal } from './refusal';

export interface TrainedGroup {
	id: string;
	name: string;
	organisationId: string;
}

/**
 * The group, when the actor trains it (one query); null otherwise, without logging. For branches where
 * "not my group" is an answer, not a refusal; a route's own group comes through requireGroupTrainer.
 */
export async function findTrainedGroup(
	db: Db | Tx,
	actor: Actor,
	groupId: string
): Promise<TrainedGroup | null> {
	if (!actor.organisationId || !isUuid(groupId)) return null;
	const [row] = await db
		.select({
			id: courseGroup.id,
			name: courseGroup.name,
			organisationId: courseGroup.organisationId,
			trainerId: groupTrainer.personId
		})
		.from(courseGroup)
		.leftJoin(
			groupTrainer,
			and(eq(groupTrainer.groupId, courseGroup.id), eq(groupTrainer.personId, actor.personId))
		)
		.where(and(eq(courseGroup.id, groupId), eq(courseGroup.organisationId, actor.organisationId)));
	if (
		!row ||
		!canTrainGroup(actor, { organisationId: row.organisationId, actorTrainsGroup: row.trainerId !== null })
	)
		return null;
	return { id: row.id, name: row.name, organisationId: row.organisationId };
}

/**
 * The group the actor trains, or NotFound (404: another organisation's group, or one they do not
 * train, looks like no group at all) with the refusal in the access log.
 */
export async function requireGroupTrainer(db: Db | Tx, actor: Actor, groupId: string): Promise<TrainedGroup> {
	const group = await findTrainedGroup(db, actor, groupId);
	if (group) return group;
	await recordRefusal(db, actor, { type: 'group', id: groupId });
	throw new NotFound('group');
}
