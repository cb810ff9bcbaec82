/**
 * Trainers fit the course to their group: which modules are open, coming or closed, in which order
 * and on which session date, and which steps the group skips. Only trainers of the group may, and
 * only for groups of their own organisation.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { local } from '$lib/domain/schedule';
import type { ModuleState } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../../db/client';
import { groupHiddenStep, groupModule, groupSession } from '../../db/schema';
import { requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { ensureGroupCourse } from '../course/group-course';

/** The group the actor trains with the course version it follows; NotFound without either. */
async function trainedGroupCourse(db: Db, actor: Actor, groupId: string) {
	const group = await requireGroupTrainer(db, actor, groupId);
	const versionId = await ensureGroupCourse(db, group.id, group.organisationId);
	if (!versionId) throw new NotFound('course');
	return { group, versionId };
}

/** Sets a module open, coming or closed for the group; returns the state it had (for undo). */
export async function setModuleState(
	db: Db,
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	state: ModuleState
): Promise<ModuleState> {
	const { group } = await trainedGroupCourse(db, actor, groupId);
	const [before] = await db
		.select({ state: groupModule.state })
		.from(groupModule)
		.where(and(eq(groupModule.groupId, group.id), eq(groupModule.moduleNumber, moduleNumber)));
	if (!before) throw new NotFound('module');
	await db
		.update(groupModule)
		.set({ state })
		.where(and(eq(groupModule.groupId, group.id), eq(groupModule.moduleNumber, moduleNumber)));
	return before.state;
}

/** Moves a module one place up or down in the group's order (the first up, the last down: no change). */
export async function moveModule(
	db: Db,
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	direction: 'up' | 'down'
): Promise<void> {
	const { group } = await trainedGroupCourse(db, actor, groupId);
	await db.transaction(async (tx) => {
		const rows = await tx
			.select({ moduleNumber: groupModule.moduleNumber, position: groupModule.position })
			.from(groupModule)
			.where(eq(groupModule.groupId, group.id))
			.orderBy(asc(groupModule.position), asc(groupModule.moduleNumber))
			.for('update');
		const index = rows.findIndex((row) => row.moduleNumber === moduleNumber);
		const other = rows[direction === 'up' ? index - 1 : index + 1];
		if (index === -1) throw new NotFound('module');
		if (!other) return;
		// Renumber all positions 1…n with the two swapped, so earlier equal positions cannot confuse.
		const order = rows.map((row) => row.moduleNumber);
		[order[index], order[order.indexOf(other.moduleNumber)]] = [other.moduleNumber, moduleNumber];
		for (const [position, number] of order.entries())
			await tx
				.update(groupModule)
				.set({ position: position + 1 })
				.where(and(eq(groupModule.groupId, group.id), eq(groupModule.moduleNumber, number)));
	});
}

/**
 * Gives a module its date: the group's session on that date gets the module (its plan), and the
 * module no longer starts at an earlier session from today on; null takes the module off every
 * session from today on (sessions that were held keep their plan). One fact
 * with the session page's "module" (the course page shows the first session that has it).
 * 'no_session' when the group has no planned session on that date.
 */
export async function setModuleDate(
	db: Db,
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	date: string | null
): Promise<'saved' | 'no_session'> {
	const { group } = await trainedGroupCourse(db, actor, groupId);
	return db.transaction(async (tx) => {
		const [module] = await tx
			.select({ moduleNumber: groupModule.moduleNumber })
			.from(groupModule)
			.where(and(eq(groupModule.groupId, group.id), eq(groupModule.moduleNumber, moduleNumber)));
		if (!module) throw new NotFound('module');
		// Sessions that were held keep their plan: only today's and later ones change.
		const today = local(new Date()).date;
		const ofModule = and(
			eq(groupSession.groupId, group.id),
			eq(groupSession.moduleNumber, moduleNumber),
			gte(groupSession.date, today)
		);
		if (date === null) {
			await tx.update(groupSession).set({ moduleNumber: null }).where(ofModule);
			return 'saved';
		}
		const [session] = await tx
			.select({ id: groupSession.id })
			.from(groupSession)
			.where(
				and(
					eq(groupSession.groupId, group.id),
					eq(groupSession.date, date),
					eq(groupSession.status, 'planned')
				)
			);
		if (!session) return 'no_session';
		await tx
			.update(groupSession)
			.set({ moduleNumber: null })
			.where(and(ofModule, lt(groupSession.date, date)));
		await tx.update(groupSession).set({ moduleNumber }).where(eq(groupSession.id, session.id));
		return 'saved';
	});
}

/** Hides a step for the group, or shows it again. */
export async function setStepHidden(
	db: Db,
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	stepKey: string,
	hidden: boolean
): Promise<void> {
	const group = await requireGroupTrainer(db, actor, groupId);
	if (!hidden) {
		await db
			.delete(groupHiddenStep)
			.where(
				and(
					eq(groupHiddenStep.groupId, group.id),
					eq(groupHiddenStep.moduleNumber, moduleNumber),
					eq(groupHiddenStep.stepKey, stepKey)
				)
			);
		return;
	}
	await db
		.insert(groupHiddenStep)
		.values({ groupId: group.id, moduleNumber, stepKey, hiddenByPersonId: actor.personId })
		.onConflictDoNothing();
}
