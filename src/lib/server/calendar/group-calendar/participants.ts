/** A group's current participants, for attendance and home practice: their reads and their writes. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { groupMember, person } from '../../db/schema';

/** Current participants of a group (for attendance and home practice). */
export function groupParticipants(db: Db | Tx, groupId: string) {
	return db
		.select({ id: person.id, displayName: person.displayName })
		.from(groupMember)
		.innerJoin(person, eq(person.id, groupMember.personId))
		.where(and(eq(groupMember.groupId, groupId), isNull(groupMember.leftAt), isNull(person.deactivatedAt)))
		.orderBy(asc(person.displayName));
}
