/**
 * The digital-readiness intake as it is read: only by trainers of the participant's group, and in the
 * access log. The writes are in ./commands.ts.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../../audit/record';
import type { Db } from '../../db/client';
import { digitalIntake } from '../../db/schema';
import { requireIntakeAccess } from './access';

/** The participant's intake (null before it is done), with their name; NotFound (logged) when not allowed. */
export async function intakeOf(db: Db, actor: Actor, groupId: string, participantId: string) {
	const scope = await requireIntakeAccess(db, actor, groupId, participantId, 'read');
	const [intake] = await db.select().from(digitalIntake).where(eq(digitalIntake.personId, participantId));
	await record(db, {
		eventType: 'intake.read',
		action: 'R',
		actor,
		participantId,
		object: { type: 'digital_intake', id: participantId }
	});
	return { participant: { id: participantId, displayName: scope.participantName }, intake: intake ?? null };
}
