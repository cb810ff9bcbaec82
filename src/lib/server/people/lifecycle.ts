/**
 * Account lifecycle: trainers add participants to their own groups; coordinators move participants
 * between groups of their organisation and deactivate or reactivate accounts. Every change is in
 * the access log, in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import {
	findTrainedGroup,
	isParticipant,
	recordRefusal,
	requireCoordinator,
	requireOrganisationPerson
} from '../access';
import { forgetCachedSessionsOf } from '../auth/session';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { courseGroup, groupMember, helpRequest, person, session, user } from '../db/schema';
import { Conflict, Forbidden, NotFound } from '../errors';
import { claimFormKey } from '../idempotency';

/**
 * Adds a participant (with or without email) to a group the trainer trains. Another group is
 * Forbidden (403, as the trainer's page has always answered), with the refusal in the access log.
 */
export async function addParticipant(
	db: Db,
	actor: Actor,
	props: { groupId: string; displayName: string; email?: string; phone?: string; key?: string | null }
): Promise<{ personId: string }> {
	const group = await findTrainedGroup(db, actor, props.groupId);
	if (!group) {
		await recordRefusal(db, actor, { type: 'group', id: props.groupId }, 'C');
		throw new Forbidden('group');
	}
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

/** Deactivates (ending all sessions at once) or reactivates an account of the coordinator's organisation. */
export async function setAccountActive(
	db: Db,
	actor: Actor,
	personId: string,
	active: boolean
): Promise<void> {
	// Someone of another organisation is as good as unknown here.
	const target = await requireOrganisationPerson(db, actor, personId, 'U');
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
			participantId: isParticipant(target) ? personId : null,
			object: { type: 'person', id: personId }
		});
	});
	if (target.userId) forgetCachedSessionsOf(target.userId);
}

/** Moves a participant to another group of the same organisation. */
export async function moveParticipant(
	db: Db,
	actor: Actor,
	personId: string,
	toGroupId: string
): Promise<void> {
	const organisationId = requireCoordinator(actor);
	const target = await requireOrganisationPerson(db, actor, personId, 'U');
	const [group] = await db
		.select({ id: courseGroup.id })
		.from(courseGroup)
		.where(and(eq(courseGroup.id, toGroupId), eq(courseGroup.organisationId, organisationId)));
	// Staff are not moved; another organisation's group is as good as no group.
	if (!isParticipant(target) || !group) {
		const refused = group ? { type: 'person', id: personId } : { type: 'group', id: toGroupId };
		await recordRefusal(db, actor, refused, 'U');
		throw new NotFound(refused.type);
	}
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
		// An open help request goes with the participant: the new group's trainers answer it now.
		await tx
			.update(helpRequest)
			.set({ groupId: toGroupId })
			.where(and(eq(helpRequest.personId, personId), isNull(helpRequest.closedAt)));
		await record(tx, {
			eventType: 'participant.move',
			action: 'U',
			actor,
			participantId: personId,
			object: { type: 'group', id: toGroupId }
		});
	});
}
