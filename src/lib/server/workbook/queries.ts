/**
 * The trainer's page for printing a participant's workbook: who it is for, in which group. It shows
 * no data of theirs (the print itself is logged, ./pdf/content.ts), so it writes no log row; a
 * refusal is logged by the access module.
 */
import type { Actor } from '$lib/domain/policy';
import { requireParticipantInGroup } from '../access';
import type { Db } from '../db/client';

/** The participant and group of the trainer's URL; NotFound (logged) unless they train them now. */
export async function workbookPrintFor(db: Db, actor: Actor, groupId: string, participantId: string) {
	const scope = await requireParticipantInGroup(db, actor, groupId, participantId, 'read');
	return {
		group: { id: scope.group.id, name: scope.group.name },
		participant: { id: scope.participantId, displayName: scope.participantName }
	};
}
