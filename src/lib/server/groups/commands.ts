/**
 * Who trains a group, written by the organisation's coordinator: adding a trainer of the organisation
 * to an existing group and taking one off (never the last). Each change is one transaction with its
 * access-log row (not participant data: no participant is named). The trainer's group list follows
 * through the database trigger on group_trainer (auth/session-cache.ts).
 */
import { and, count, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { courseGroup, groupTrainer } from '../db/schema';
import { requireCalendarGroup, requireCoordinator, requireOrganisationPerson } from '../access';
import { Conflict, Invalid } from '../errors';

/** The access log's object for one trainer of one group. */
const trainerOfGroup = (groupId: string, trainerId: string) => ({
	type: 'group_trainer',
	id: `${groupId}/${trainerId}`
});

/**
 * Adds an active trainer of the coordinator's organisation to the group; false when they already
 * train it. Forbidden to anyone but a coordinator; NotFound for another organisation's group or
 * person (or someone who is no trainer).
 */
export async function addGroupTrainer(db: Db, actor: Actor, groupId: string, trainerId: string) {
	requireCoordinator(actor);
	const group = await requireCalendarGroup(db, actor, groupId);
	const trainer = await requireOrganisationPerson(db, actor, trainerId, 'C', 'trainer');
	if (trainer.deactivatedAt) throw new Invalid('trainer', 'trainer_inactive');
	return db.transaction(async (tx) => {
		const added = await tx
			.insert(groupTrainer)
			.values({ groupId: group.id, personId: trainer.id })
			.onConflictDoNothing()
			.returning({ personId: groupTrainer.personId });
		if (added.length === 0) return false;
		await record(tx, {
			eventType: 'group.trainer_add',
			action: 'C',
			actor,
			object: trainerOfGroup(group.id, trainer.id)
		});
		return true;
	});
}

/**
 * Takes a trainer off the group; false when they did not train it. Conflict('last_trainer') when they
 * are its only trainer: a group always keeps someone who runs it. Refusals as for addGroupTrainer.
 */
export async function removeGroupTrainer(db: Db, actor: Actor, groupId: string, trainerId: string) {
	requireCoordinator(actor);
	const group = await requireCalendarGroup(db, actor, groupId);
	const trainer = await requireOrganisationPerson(db, actor, trainerId, 'D', 'trainer');
	return db.transaction(async (tx) => {
		// One change to a group's trainers at a time, so two removals cannot leave it without any.
		await tx
			.select({ id: courseGroup.id })
			.from(courseGroup)
			.where(eq(courseGroup.id, group.id))
			.for('update');
		const [{ trainers } = { trainers: 0 }] = await tx
			.select({ trainers: count() })
			.from(groupTrainer)
			.where(eq(groupTrainer.groupId, group.id));
		const removed = await tx
			.delete(groupTrainer)
			.where(and(eq(groupTrainer.groupId, group.id), eq(groupTrainer.personId, trainer.id)))
			.returning({ personId: groupTrainer.personId });
		if (removed.length === 0) return false;
		if (trainers <= 1) throw new Conflict('last_trainer');
		await record(tx, {
			eventType: 'group.trainer_remove',
			action: 'D',
			actor,
			object: trainerOfGroup(group.id, trainer.id)
		});
		return true;
	});
}
