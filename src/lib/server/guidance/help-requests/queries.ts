/**
 * "Ik kom er niet uit" as it is read: the participant's own open request, and a group's open requests
 * for its trainers (each participant shown is in the access log). The writes are in ./commands.ts.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { requireGroupTrainer } from '../../access';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { groupMember, helpRequest, person } from '../../db/schema';
import type { Locale } from '../../curriculum/course/localised';
import { groupCourseForTrainer } from '../../curriculum/tailoring/queries';
import { modulePath, screenTitle, type CourseTitles } from './screen';

/** The participant's own open request, if any. */
export async function openRequestOf(db: Db, actor: Actor) {
	const [open] = await db
		.select({ id: helpRequest.id, createdAt: helpRequest.createdAt })
		.from(helpRequest)
		.where(and(eq(helpRequest.personId, actor.personId), isNull(helpRequest.closedAt)));
	return open ?? null;
}

/**
 * A group's open help requests, oldest first, for its trainer; each participant shown is logged. Each
 * names the screen it came from by its title in `locale` (`screen`; the path when the screen is unknown).
 * NotFound (logged) unless the actor trains the group.
 */
export async function groupHelpRequests(db: Db, actor: Actor, groupId: string, locale: Locale = 'nl') {
	const group = await requireGroupTrainer(db, actor, groupId);
	const open = await db
		.select({
			id: helpRequest.id,
			personId: helpRequest.personId,
			displayName: person.displayName,
			fromPath: helpRequest.fromPath,
			createdAt: helpRequest.createdAt
		})
		.from(helpRequest)
		.innerJoin(person, eq(person.id, helpRequest.personId))
		// Only the group's participants now: someone who left is their new trainers' to help.
		.innerJoin(
			groupMember,
			and(
				eq(groupMember.personId, helpRequest.personId),
				eq(groupMember.groupId, helpRequest.groupId),
				isNull(groupMember.leftAt)
			)
		)
		.where(and(eq(helpRequest.groupId, group.id), isNull(helpRequest.closedAt), isNull(person.deactivatedAt)))
		.orderBy(asc(helpRequest.createdAt));
	await record(
		db,
		...open.map((request) => ({
			eventType: 'help_request.read' as const,
			action: 'R' as const,
			actor,
			participantId: request.personId,
			object: { type: 'help_request', id: request.id }
		}))
	);
	// The group's course only when a request came from a module (its titles, also of the group's own items).
	const course: CourseTitles = open.some((request) => modulePath(request.fromPath))
		? (await groupCourseForTrainer(db, actor, group.id, locale)).modules
		: [];
	return {
		group: { id: group.id, name: group.name },
		open: open.map((request) => ({ ...request, screen: screenTitle(request.fromPath, locale, course) }))
	};
}
