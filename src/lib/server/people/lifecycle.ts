/**
 * Account lifecycle: trainers add participants to their own groups; coordinators move participants
 * between groups of their organisation and deactivate or reactivate accounts. Every change is in
 * the access log, in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { courseGroup, groupMember, groupTrainer, person, session, user } from '../db/schema';
import { claimFormKey } from '../idempotency';
import { currentDb } from '../runtime';

/** Thrown for a valid request that clashes with what exists (shown as a form error). */
export class Conflict extends Error {
	constructor(readonly key: string) {
		super(key);
	}
}

/** Adds a participant (with or without email) to a group the trainer trains. */
export async function addParticipant(
	actor: Actor,
	props: { groupId: string; displayName: string; email?: string; phone?: string; key?: string | null },
	db: Db = currentDb()
): Promise<{ personId: string }> {
	const [group] = await db
		.select({ organisationId: courseGroup.organisationId })
		.from(groupTrainer)
		.innerJoin(courseGroup, eq(courseGroup.id, groupTrainer.groupId))
		.where(and(eq(groupTrainer.groupId, props.groupId), eq(groupTrainer.personId, actor.personId)));
	if (actor.role !== 'trainer' || !group) error(403, 'Forbidden');
	return db.transaction(async (tx) => {
		// A resend of the same form (its answer lost) finds the participant it added, not "email taken".
		const personId = randomUUID();
		const claim = { personId: actor.personId, action: 'participant.add', key: props.key };
		const first = await claimFormKey(tx, claim, { personId });
		if (first) return first.result;
		if (props.email) {
			const [taken] = await tx
				.select({ id: user.id })
				.from(user)
				.where(eq(sql`lower(${user.email})`, props.email.toLowerCase()));
			// Thrown: the transaction, and with it the claim, is rolled back.
			if (taken) throw new Conflict('email_taken');
		}
		let userId: string | null = null;
		if (props.email) {
			userId = randomUUID();
			await tx.insert(user).values({
				id: userId,
				name: props.displayName,
				email: props.email.toLowerCase(),
				emailVerified: false
			});
		}
		const [created] = await tx
			.insert(person)
			.values({
				id: personId,
				organisationId: group.organisationId,
				userId,
				role: 'participant',
				displayName: props.displayName,
				phone: props.phone
			})
			.returning({ id: person.id });
		if (!created) throw new Error('participant was not created');
		await tx.insert(groupMember).values({ groupId: props.groupId, personId: created.id });
		await record(tx, {
			eventType: 'participant.create',
			action: 'C',
			actor,
			participantId: created.id,
			organisationId: group.organisationId,
			object: { type: 'group', id: props.groupId }
		});
		return { personId: created.id };
	});
}

async function personOfOrganisation(db: Db, actor: Actor, personId: string) {
	if (actor.role !== 'coordinator' || !actor.organisationId) error(403, 'Forbidden');
	const [found] = await db
		.select({ id: person.id, role: person.role, userId: person.userId, deactivatedAt: person.deactivatedAt })
		.from(person)
		.where(and(eq(person.id, personId), eq(person.organisationId, actor.organisationId)));
	// Someone of another organisation is as good as unknown here.
	if (!found) error(404, 'Not Found');
	return found;
}

/** Deactivates (ending all sessions at once) or reactivates an account of the coordinator's organisation. */
export async function setAccountActive(
	actor: Actor,
	personId: string,
	active: boolean,
	db: Db = currentDb()
): Promise<void> {
	const target = await personOfOrganisation(db, actor, personId);
	if (target.id === actor.personId) throw new Conflict('not_yourself');
	await db.transaction(async (tx) => {
		await tx
			.update(person)
			.set({ deactivatedAt: active ? null : new Date() })
			.where(eq(person.id, personId));
		if (!active && target.userId) await tx.delete(session).where(eq(session.userId, target.userId));
		await record(tx, {
			eventType: active ? 'account.reactivate' : 'account.deactivate',
			action: 'U',
			actor,
			participantId: target.role === 'participant' ? personId : null,
			object: { type: 'person', id: personId }
		});
	});
}

/** Moves a participant to another group of the same organisation. */
export async function moveParticipant(
	actor: Actor,
	personId: string,
	toGroupId: string,
	db: Db = currentDb()
): Promise<void> {
	const target = await personOfOrganisation(db, actor, personId);
	if (target.role !== 'participant') error(404, 'Not Found');
	const [group] = await db
		.select({ id: courseGroup.id })
		.from(courseGroup)
		.where(and(eq(courseGroup.id, toGroupId), eq(courseGroup.organisationId, actor.organisationId ?? '')));
	if (!group) error(404, 'Not Found');
	await db.transaction(async (tx) => {
		await tx
			.update(groupMember)
			.set({ leftAt: new Date() })
			.where(and(eq(groupMember.personId, personId), isNull(groupMember.leftAt)));
		await tx
			.insert(groupMember)
			.values({ groupId: toGroupId, personId })
			.onConflictDoUpdate({
				target: [groupMember.groupId, groupMember.personId],
				set: { leftAt: null, joinedAt: new Date() }
			});
		await record(tx, {
			eventType: 'participant.move',
			action: 'U',
			actor,
			participantId: personId,
			object: { type: 'group', id: toGroupId }
		});
	});
}
