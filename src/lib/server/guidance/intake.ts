/**
 * The digital-readiness intake, filled in by the trainer with the participant. Only trainers of the
 * participant's group read or write it; both are in the access log.
 */
import { eq } from 'drizzle-orm';
import { suggestPath, type IntakeAnswers, type IntakePath } from '$lib/domain/intake';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { digitalIntake } from '../db/schema';
import { participantScope } from '../goals/access';
import { currentDb } from '../runtime';

/** Whether this trainer may do the intake with this participant of this group (nothing is read). */
export async function mayDoIntake(
	actor: Actor,
	groupId: string,
	participantId: string,
	db: Db = currentDb()
) {
	if (actor.role !== 'trainer') return false;
	const scope = await participantScope(actor, participantId, db);
	return Boolean(scope && scope.group?.id === groupId);
}

/** The participant's intake (or null before it is done), with their name; null when not allowed. */
export async function intakeOf(actor: Actor, groupId: string, participantId: string, db: Db = currentDb()) {
	if (actor.role !== 'trainer') return null;
	const scope = await participantScope(actor, participantId, db);
	if (!scope || scope.group?.id !== groupId) return null;
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

/** Saves the answers and returns the suggested path; null when not allowed. */
export async function saveIntake(
	actor: Actor,
	groupId: string,
	participantId: string,
	answers: IntakeAnswers,
	db: Db = currentDb()
): Promise<IntakePath | null> {
	if (actor.role !== 'trainer') return null;
	return db.transaction(async (tx) => {
		const scope = await participantScope(actor, participantId, tx);
		if (!scope || scope.group?.id !== groupId) return null;
		const path = suggestPath(answers);
		const values = { ...answers, path, doneByPersonId: actor.personId };
		await tx
			.insert(digitalIntake)
			.values({ personId: participantId, ...values })
			.onConflictDoUpdate({ target: digitalIntake.personId, set: { ...values, updatedAt: new Date() } });
		await record(tx, {
			eventType: 'intake.update',
			action: 'U',
			actor,
			participantId,
			onBehalfOfPersonId: participantId,
			object: { type: 'digital_intake', id: participantId }
		});
		return path;
	});
}
