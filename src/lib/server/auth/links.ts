/**
 * Links sent by email: a sign-in link for participants (15 minutes), a password-reset link for staff
 * (30 minutes; the second factor is still asked afterwards) and a staff invitation (7 days). 256
 * random bits, stored only as a SHA-256 hash, single use; a new link replaces older unused ones.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { isStaff } from '$lib/domain/session-policy';
import type { Role } from '$lib/domain/policy';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { person, signInLink, user } from '../db/schema';
import { setPassword } from './credentials';
import { recordSignInFailure } from './events';
import { tokenHash } from './secret-box';
import { isParticipant } from '../access';

export type LinkPurpose = 'magic_link' | 'password_reset' | 'invitation';

export const LINK_MINUTES: Record<LinkPurpose, number> = {
	magic_link: 15,
	password_reset: 30,
	invitation: 7 * 24 * 60
};

/** Link tokens are 32 random bytes in base64url. */
export function isWellFormedLinkToken(value: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Makes a new link for a person (older unused links of the same kind stop working); returns the token. */
export async function createLink(
	tx: Db | Tx,
	props: { personId: string; purpose: LinkPurpose; createdByPersonId?: string | null }
): Promise<string> {
	const now = new Date();
	await tx
		.update(signInLink)
		.set({ usedAt: now })
		.where(
			and(
				eq(signInLink.personId, props.personId),
				eq(signInLink.purpose, props.purpose),
				isNull(signInLink.usedAt)
			)
		);
	const token = randomBytes(32).toString('base64url');
	await tx.insert(signInLink).values({
		personId: props.personId,
		purpose: props.purpose,
		tokenHash: tokenHash(token),
		createdByPersonId: props.createdByPersonId ?? null,
		expiresAt: new Date(now.getTime() + LINK_MINUTES[props.purpose] * 60_000)
	});
	return token;
}

export interface LinkOwner {
	personId: string;
	userId: string;
	role: Role;
	displayName: string;
	email: string;
	organisationId: string | null;
}

const ownerColumns = {
	personId: person.id,
	userId: user.id,
	role: person.role,
	displayName: person.displayName,
	email: user.email,
	organisationId: person.organisationId
};

function usable(purpose: LinkPurpose, token: string) {
	return and(
		eq(signInLink.tokenHash, tokenHash(token)),
		eq(signInLink.purpose, purpose),
		isNull(signInLink.usedAt),
		gt(signInLink.expiresAt, sql`now()`),
		isNull(person.deactivatedAt)
	);
}

/** Who a still-usable link belongs to, without using it up (for showing the page behind the link). */
export async function peekLink(db: Db, purpose: LinkPurpose, token: string): Promise<LinkOwner | null> {
	if (!isWellFormedLinkToken(token)) return null;
	const [row] = await db
		.select(ownerColumns)
		.from(signInLink)
		.innerJoin(person, eq(person.id, signInLink.personId))
		.innerJoin(user, eq(user.id, person.userId))
		.where(usable(purpose, token));
	return row ?? null;
}

/**
 * Uses a link up (once, also under a race) and logs it; null when unknown, used, expired or
 * inactive — then the failure is logged instead.
 */
export async function consumeLink(tx: Tx, purpose: LinkPurpose, token: string): Promise<LinkOwner | null> {
	if (!isWellFormedLinkToken(token)) {
		await recordSignInFailure(tx, 'link_unknown');
		return null;
	}
	const [link] = await tx
		.update(signInLink)
		.set({ usedAt: new Date() })
		.where(
			and(
				eq(signInLink.tokenHash, tokenHash(token)),
				eq(signInLink.purpose, purpose),
				isNull(signInLink.usedAt),
				gt(signInLink.expiresAt, sql`now()`)
			)
		)
		.returning({ id: signInLink.id, personId: signInLink.personId });
	if (!link) {
		await recordLinkFailure(tx, purpose, token);
		return null;
	}
	const [owner] = await tx
		.select(ownerColumns)
		.from(person)
		.innerJoin(user, eq(user.id, person.userId))
		.where(and(eq(person.id, link.personId), isNull(person.deactivatedAt)));
	if (!owner) {
		await recordSignInFailure(tx, 'account_inactive', { personId: link.personId });
		return null;
	}
	await record(tx, {
		eventType: 'auth.link_use',
		action: 'E',
		actor: null,
		participantId: isParticipant(owner) ? owner.personId : null,
		organisationId: owner.organisationId,
		object: { type: purpose, id: link.id }
	});
	return owner;
}

/**
 * Uses a link in one transaction: signs nobody in by itself, but with a password link (reset,
 * invitation) sets the new password together with using it up. The link's owner, or null (logged).
 */
export async function useLink(
	db: Db,
	purpose: LinkPurpose,
	token: string,
	newPassword?: string
): Promise<LinkOwner | null> {
	return db.transaction(async (tx) => {
		const owner = await consumeLink(tx, purpose, token);
		if (owner && newPassword !== undefined) await setPassword(tx, owner.userId, newPassword);
		return owner;
	});
}

// Why a link could not be used: never seen, used (or replaced by a newer one), or too old.
async function recordLinkFailure(tx: Tx, purpose: LinkPurpose, token: string): Promise<void> {
	const [link] = await tx
		.select({ personId: signInLink.personId, usedAt: signInLink.usedAt })
		.from(signInLink)
		.where(and(eq(signInLink.tokenHash, tokenHash(token)), eq(signInLink.purpose, purpose)));
	if (!link) return recordSignInFailure(tx, 'link_unknown');
	const reason = link.usedAt ? 'link_used' : 'link_expired';
	await recordSignInFailure(tx, reason, { personId: link.personId });
}

/** The active person with this sign-in email, if any. */
export async function ownerOfEmail(db: Db, email: string): Promise<LinkOwner | null> {
	const [row] = await db
		.select(ownerColumns)
		.from(user)
		.innerJoin(person, eq(person.userId, user.id))
		.where(and(eq(sql`lower(${user.email})`, email.trim().toLowerCase()), isNull(person.deactivatedAt)));
	return row ?? null;
}

/** Which link someone who asks "email me a link" gets: participants sign in, staff reset their password. */
export function linkPurposeFor(role: Role): 'magic_link' | 'password_reset' {
	return isStaff(role) ? 'password_reset' : 'magic_link';
}
