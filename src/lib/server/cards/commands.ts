/**
 * Login cards: a trainer issues printed cards for participants of their own groups; a participant
 * signs in once with the code on the card.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { newLoginCode, normaliseLoginCode } from '$lib/domain/login-code';
import type { Actor } from '$lib/domain/policy';
import { findTrainedParticipants, isParticipant, isSignificantOther, recordRefusal } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { loginCard, person, user } from '../db/schema';
import { recordSignInFailure } from '../auth/events';
import { Forbidden } from '../errors';
import { placeholderEmail } from '../people/placeholder-email';

export const LOGIN_CARD_DAYS = 30;

function hashCode(code: string): string {
	return createHash('sha256').update(code).digest('hex');
}

export interface IssuedCard {
	participantId: string;
	displayName: string;
	groupName: string;
	code: string;
	expiresAt: Date;
}

/**
 * The participants asked for, when every one is in a group this trainer trains now; otherwise
 * Forbidden for the whole set, with the refusal in the access log.
 */
async function requireTrainedParticipants(db: Db, actor: Actor, participantIds: string[], action: 'R' | 'C') {
	if (participantIds.length === 0) throw new Forbidden('none_selected');
	const allowed = await findTrainedParticipants(db, actor, participantIds);
	const byId = new Map(allowed.map((row) => [row.id, row]));
	const refused = participantIds.find((id) => !byId.has(id));
	if (refused !== undefined) {
		// Like every refusal: the id asked for, never a list of people (they may be another organisation's).
		await recordRefusal(db, actor, { type: 'participant', id: refused }, action);
		throw new Forbidden('participant');
	}
	return byId;
}

/**
 * Which of these participants have a card that still works (not used, not stopped, not expired):
 * making new cards stops those, so the trainer is asked first. Their names, by name; each one
 * shown is in the access log. Forbidden as issueLoginCards.
 */
export async function cardsThatWouldStop(
	db: Db,
	actor: Actor,
	participantIds: string[]
): Promise<{ participantId: string; displayName: string }[]> {
	const byId = await requireTrainedParticipants(db, actor, participantIds, 'R');
	const live = await db
		.selectDistinct({ personId: loginCard.personId })
		.from(loginCard)
		.where(
			and(
				sql`${loginCard.personId} = any(${sql.param([...byId.keys()])}::uuid[])`,
				isNull(loginCard.usedAt),
				isNull(loginCard.revokedAt),
				gt(loginCard.expiresAt, new Date())
			)
		);
	await record(
		db,
		...live.map((row) => ({
			eventType: 'login_card.read' as const,
			action: 'R' as const,
			actor,
			participantId: row.personId,
			object: { type: 'participant', id: row.personId }
		}))
	);
	return live
		.map((row) => ({ participantId: row.personId, displayName: byId.get(row.personId)?.displayName ?? '' }))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * A new one-time code for one person, inside the caller's transaction: their older unused cards stop
 * working. Returns the code once; only its hash is kept.
 */
export async function newCardInTransaction(
	tx: Tx,
	personId: string,
	issuedByPersonId: string,
	expiresAt = new Date(Date.now() + LOGIN_CARD_DAYS * 24 * 3600 * 1000)
): Promise<{ id: string; code: string; expiresAt: Date }> {
	await tx
		.update(loginCard)
		.set({ revokedAt: new Date() })
		.where(and(eq(loginCard.personId, personId), isNull(loginCard.usedAt), isNull(loginCard.revokedAt)));
	const code = newLoginCode(randomBytes(10));
	const [card] = await tx
		.insert(loginCard)
		.values({ personId, codeHash: hashCode(code), issuedByPersonId, expiresAt })
		.returning({ id: loginCard.id });
	return { id: card!.id, code, expiresAt };
}

/**
 * New cards for participants of groups this trainer trains; older unused cards of those
 * participants stop working (cardsThatWouldStop says whose, to ask first). Refuses (Forbidden) the
 * whole set when any participant is outside the trainer's groups, with the refusal in the access log.
 */
export async function issueLoginCards(db: Db, actor: Actor, participantIds: string[]): Promise<IssuedCard[]> {
	const byId = await requireTrainedParticipants(db, actor, participantIds, 'C');
	const expiresAt = new Date(Date.now() + LOGIN_CARD_DAYS * 24 * 3600 * 1000);
	return db.transaction(async (tx) => {
		const cards: IssuedCard[] = [];
		for (const [participantId, row] of byId) {
			const card = await newCardInTransaction(tx, participantId, actor.personId, expiresAt);
			await record(tx, {
				eventType: 'login_card.issue',
				action: 'C',
				actor,
				participantId,
				object: { type: 'login_card', id: card.id }
			});
			cards.push({
				participantId,
				displayName: row.displayName,
				groupName: row.groupName,
				code: card.code,
				expiresAt
			});
		}
		return cards.sort((a, b) => a.displayName.localeCompare(b.displayName));
	});
}

/**
 * Uses a card: returns the login identity of its participant, or null when the code is unknown,
 * used, revoked or expired. The card can be used once, also when two requests race.
 */
export async function redeemLoginCard(
	db: Db,
	input: string
): Promise<{ userId: string; personId: string; returnTo: string | null } | null> {
	const code = normaliseLoginCode(input);
	if (!code) {
		await recordSignInFailure(db, 'card_unknown');
		return null;
	}
	return db.transaction(async (tx) => {
		const [card] = await tx
			.update(loginCard)
			.set({ usedAt: new Date() })
			.where(
				and(
					eq(loginCard.codeHash, hashCode(code)),
					isNull(loginCard.usedAt),
					isNull(loginCard.revokedAt),
					gt(loginCard.expiresAt, new Date())
				)
			)
			.returning({ id: loginCard.id, personId: loginCard.personId });
		if (!card) {
			await recordCardFailure(tx, hashCode(code));
			return null;
		}
		const [owner] = await tx
			.select({
				userId: person.userId,
				displayName: person.displayName,
				role: person.role,
				organisationId: person.organisationId
			})
			.from(person)
			.where(and(eq(person.id, card.personId), isNull(person.deactivatedAt)));
		if (!owner || !(isParticipant(owner) || isSignificantOther(owner))) {
			await recordSignInFailure(tx, 'account_inactive', { personId: card.personId });
			return null;
		}
		let userId = owner.userId;
		if (!userId) {
			// A participant without email still needs a login identity for sessions.
			userId = crypto.randomUUID();
			await tx.insert(user).values({
				id: userId,
				name: owner.displayName,
				email: placeholderEmail(card.personId),
				emailVerified: false
			});
			await tx.update(person).set({ userId }).where(eq(person.id, card.personId));
		}
		await record(tx, {
			eventType: 'login_card.use',
			action: 'E',
			actor: null,
			participantId: isParticipant(owner) ? card.personId : null,
			organisationId: owner.organisationId,
			object: { type: 'login_card', id: card.id }
		});
		// A participant is asked next how they want to come back; a naaste goes to what is shared.
		return { userId, personId: card.personId, returnTo: isParticipant(owner) ? '/terugkomen' : null };
	});
}

// Why a code did not work: never issued, used, replaced by a newer card, or past its 30 days.
async function recordCardFailure(tx: Tx, codeHash: string): Promise<void> {
	const [card] = await tx
		.select({ personId: loginCard.personId, usedAt: loginCard.usedAt, revokedAt: loginCard.revokedAt })
		.from(loginCard)
		.where(eq(loginCard.codeHash, codeHash));
	if (!card) return recordSignInFailure(tx, 'card_unknown');
	const reason = card.usedAt ? 'card_used' : card.revokedAt ? 'card_replaced' : 'card_expired';
	await recordSignInFailure(tx, reason, { personId: card.personId });
}
