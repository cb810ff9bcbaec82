/**
 * The digital-readiness intake, filled in by the trainer with the participant. Only trainers of the
 * participant's group read or write it; both are in the access log.
 */
import { eq } from 'drizzle-orm';
import { suggestPath, type IntakeAnswers, type IntakePath } from '$lib/domain/intake';
import type { Actor } from '$lib/domain/policy';
import { isTrainer, recordRefusal, requireParticipantInGroup } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { digitalIntake } from '../db/schema';
import { NotFound } from '../errors';

/**
 * Whether this trainer may do the intake with this participant of this group (nothing is read):
 * NotFound (logged) otherwise. Only a trainer of the group the participant is in now may.
 */
export async function requireIntakeAccess(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	mode: 'read' | 'write' = 'write'
): Promise<{ participantName: string }> {
	// The participant may write their own data elsewhere, but the intake is done with a trainer.
	if (!isTrainer(actor)) {
		await recordRefusal(
			db,
			actor,
			{ type: 'digital_intake', id: participantId },
			mode === 'read' ? 'R' : 'U'
		);
		throw new NotFound('digital_intake');
	}
	return requireParticipantInGroup(db, actor, groupId, participantId, mode);
}

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

/** Saves the answers and returns the suggested path; NotFound (logged) when not allowed. */
export async function saveIntake(
	db: Db,
	actor: Actor,
	groupId: string,
	participantId: string,
	answers: IntakeAnswers
): Promise<IntakePath> {
	await requireIntakeAccess(db, actor, groupId, participantId);
	return db.transaction(async (tx) => {
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
