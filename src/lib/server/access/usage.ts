/**
 * The use figures' door: a group's figures for its trainers (counts as they are) and its
 * organisation's coordinators (small counts hidden); the organisation's for its coordinators only.
 * Another organisation's group, or one a trainer does not train, is NotFound with the refusal logged.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canSeeGroupUsage, usageCountsHidden, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupTrainer } from '../db/schema';
import { NotFound } from '../errors';
import { requireCoordinator } from './organisation';
import { recordRefusal } from './refusal';

/** A group whose use figures the actor may read, and whether small counts are hidden from them. */
export interface UsageGroup {
	id: string;
	name: string;
	organisationId: string;
	hideSmallCounts: boolean;
}

/** The group, when the actor may read its use figures: NotFound (logged) otherwise. One query. */
export async function requireUsageGroup(db: Db | Tx, actor: Actor, groupId: string): Promise<UsageGroup> {
	const [row] =
		actor.organisationId && isUuid(groupId)
			? await db
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
					.where(and(eq(courseGroup.id, groupId), eq(courseGroup.organisationId, actor.organisationId)))
			: [];
	if (
		row &&
		canSeeGroupUsage(actor, { organisationId: row.organisationId, actorTrainsGroup: row.trainerId !== null })
	)
		return {
			id: row.id,
			name: row.name,
			organisationId: row.organisationId,
			hideSmallCounts: usageCountsHidden(actor)
		};
	await recordRefusal(db, actor, { type: 'group', id: groupId }, 'R');
	throw new NotFound('group');
}

/** The organisation whose figures a coordinator reads (small counts always hidden); Forbidden otherwise. */
export function requireUsageOrganisation(actor: Actor): { organisationId: string; hideSmallCounts: true } {
	return { organisationId: requireCoordinator(actor), hideSmallCounts: true };
}
