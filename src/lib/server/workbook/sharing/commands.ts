/**
 * Sharing the plan with a significant other (naaste): the participant invites them by email or with
 * a printed card (the login-card code), chooses whether the goal is shared too, makes a new code, and
 * stops sharing; the naaste can end the connection too. Access is checked against the database on
 * every request, so an ended link gives no access from that moment, on every instance.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { requireOwnLink, requireOwnPlan } from '../../access';
import { record } from '../../audit/record';
import { newCardInTransaction } from '../../cards/commands';
import type { Db, Tx } from '../../db/client';
import { loginCard, person, significantOtherLink, user } from '../../db/schema';
import { Conflict, Invalid, NotFound } from '../../errors';
import { writeStoredConsent } from '../../privacy/consent';
import { SIGNIFICANT_OTHERS_MAX, type InviteInput } from './schema';

/** A one-time code to hand over (on a card or by email): shown once, only its hash is kept. */
export interface SignificantOtherCode {
	linkId: string;
	name: string;
	email: string | null;
	code: string;
	expiresAt: Date;
}

/**
 * A new naaste's person for an invitation, of this participant alone: an account is never shared
 * between participants (a code made for one participant's naaste must never open another's plan),
 * so an address that already has an account of any kind is refused, with one neutral message.
 */
async function significantOtherFor(tx: Tx, actor: Actor, input: InviteInput): Promise<string> {
	if (input.email) {
		const [existing] = await tx
			.select({ id: user.id })
			.from(user)
			.where(eq(sql`lower(${user.email})`, input.email));
		if (existing) throw new Conflict('significant_other_email_in_use');
	}
	let userId: string | null = null;
	if (input.email) {
		userId = randomUUID();
		await tx.insert(user).values({ id: userId, name: input.name, email: input.email, emailVerified: false });
	}
	const [created] = await tx
		.insert(person)
		.values({
			organisationId: actor.organisationId,
			userId,
			role: 'significant_other',
			displayName: input.name
		})
		.returning({ id: person.id });
	return created!.id;
}

/**
 * Invites a naaste: the participant's plan (and their goal, when chosen) becomes readable for them,
 * with a one-time code for the card or the email. The caller sends the email after the commit.
 */
export async function inviteSignificantOther(
	db: Db,
	actor: Actor,
	input: InviteInput
): Promise<SignificantOtherCode> {
	const participantId = requireOwnPlan(actor);
	// A public demo must not mail strangers: there, naasten are invited with a card.
	if (input.email && actor.organisationIsDemo) throw new Invalid('email', 'significant_other_demo_email');
	return db.transaction(async (tx) => {
		// One participant's invitations follow each other, so the limit holds when two arrive at once.
		await tx.execute(
			sql`select pg_advisory_xact_lock(hashtext('significant_other'), hashtext(${participantId}))`
		);
		const [open] = await tx
			.select({ n: count() })
			.from(significantOtherLink)
			.where(
				and(eq(significantOtherLink.participantId, participantId), isNull(significantOtherLink.endedAt))
			);
		if ((open?.n ?? 0) >= SIGNIFICANT_OTHERS_MAX) throw new Conflict('significant_others_full');
		const significantOtherId = await significantOtherFor(tx, actor, input);
		const [link] = await tx
			.insert(significantOtherLink)
			.values({
				participantId,
				significantOtherId,
				description: input.name,
				shareGoal: input.shareGoal,
				invitedBy: input.email ? 'email' : 'card'
			})
			.returning({ id: significantOtherLink.id });
		// Inviting a naaste is giving the consent to share with naasten (kept with its time).
		await writeStoredConsent(tx, participantId, 'naaste', true, participantId);
		const card = await newCardInTransaction(tx, significantOtherId, actor.personId);
		await record(tx, {
			eventType: 'significant_other.invite',
			action: 'C',
			actor,
			participantId,
			object: { type: 'significant_other_link', id: link!.id }
		});
		return {
			linkId: link!.id,
			name: input.name,
			email: input.email,
			code: card.code,
			expiresAt: card.expiresAt
		};
	});
}

/** The participant's end of an open link; NotFound (logged) for any other. */
async function requireParticipantEnd(db: Db, actor: Actor, linkId: string) {
	const participantId = requireOwnPlan(actor);
	const link = await requireOwnLink(db, actor, linkId);
	if (link.participantId !== participantId) throw new NotFound('link');
	return link;
}

/** A new code for a naaste (lost card, expired code); their older unused codes stop working. */
export async function newSignificantOtherCode(
	db: Db,
	actor: Actor,
	linkId: string
): Promise<SignificantOtherCode> {
	const link = await requireParticipantEnd(db, actor, linkId);
	return db.transaction(async (tx) => {
		const [other] = await tx
			.select({ name: significantOtherLink.description, email: user.email })
			.from(significantOtherLink)
			.innerJoin(person, eq(person.id, significantOtherLink.significantOtherId))
			.leftJoin(user, eq(user.id, person.userId))
			.where(eq(significantOtherLink.id, link.id));
		const card = await newCardInTransaction(tx, link.significantOtherId, actor.personId);
		await record(tx, {
			eventType: 'significant_other.card',
			action: 'C',
			actor,
			participantId: link.participantId,
			object: { type: 'significant_other_link', id: link.id }
		});
		return {
			linkId: link.id,
			name: other?.name ?? '',
			email: null,
			code: card.code,
			expiresAt: card.expiresAt
		};
	});
}

/** Whether this naaste also sees the participant's goal. */
export async function setGoalSharing(db: Db, actor: Actor, linkId: string, on: boolean): Promise<void> {
	const link = await requireParticipantEnd(db, actor, linkId);
	await db.transaction(async (tx) => {
		const changed = await tx
			.update(significantOtherLink)
			.set({ shareGoal: on })
			.where(and(eq(significantOtherLink.id, link.id), sql`${significantOtherLink.shareGoal} <> ${on}`))
			.returning({ id: significantOtherLink.id });
		if (changed.length === 0) return;
		await record(tx, {
			eventType: 'significant_other.share_goal',
			action: 'U',
			actor,
			participantId: link.participantId,
			object: { type: 'significant_other_link', id: link.id }
		});
	});
}

/**
 * Ends a link, by the participant ("stop met delen") or by the naaste ("verbinding verbreken"): from
 * the commit on, the naaste reads nothing of the participant, on every instance. Their unused codes
 * for it stop working when they have no other open link.
 */
export async function endSignificantOtherLink(db: Db, actor: Actor, linkId: string): Promise<void> {
	const link = await requireOwnLink(db, actor, linkId);
	await db.transaction(async (tx) => {
		const ended = await tx
			.update(significantOtherLink)
			.set({ endedAt: new Date(), endedByPersonId: actor.personId })
			.where(and(eq(significantOtherLink.id, link.id), isNull(significantOtherLink.endedAt)))
			.returning({ id: significantOtherLink.id });
		if (ended.length === 0) return;
		const [stillOpen] = await tx
			.select({ id: significantOtherLink.id })
			.from(significantOtherLink)
			.where(
				and(
					eq(significantOtherLink.significantOtherId, link.significantOtherId),
					isNull(significantOtherLink.endedAt)
				)
			)
			.limit(1);
		if (!stillOpen)
			await tx
				.update(loginCard)
				.set({ revokedAt: new Date() })
				.where(
					and(
						eq(loginCard.personId, link.significantOtherId),
						isNull(loginCard.usedAt),
						isNull(loginCard.revokedAt)
					)
				);
		await record(tx, {
			eventType: 'significant_other.end',
			action: 'U',
			actor,
			participantId: link.participantId,
			object: { type: 'significant_other_link', id: link.id }
		});
	});
}
