import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canKeepCalendar, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupTrainer } from '../db/schema';
import { NotFound } from '../errors';
import { recordRefusal } from './refusal';

export interface CalendarGroup {
	id: string;
	name: string;
	location: string;
	organisationId: string;
}

/**
 * The group whose calendar the actor keeps (a coordinator of its organisation, or one of its
 * trainers), or NotFound (404: another organisation's group looks like none) with the refusal in the
 * access log. One query.
 */
export async function requireCalendarGroup(
	db: Db | Tx,
	actor: Actor,
	groupId: string
): Promise<CalendarGroup> {
	const [row] =
		actor.organisationId && isUuid(groupId)
			? await db
					.select({
						id: courseGroup.id,
						name: courseGroup.name,
						location: courseGroup.location,
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
		canKeepCalendar(actor, { organisationId: row.organisationId, actorTrainsGroup: row.trainerId !== null })
	)
		return { id: row.id, name: row.name, location: row.location, organisationId: row.organisationId };
	await recordRefusal(db, actor, { type: 'group', id: groupId });
	throw new NotFound('group');
}
