/** Staff invitations: a coordinator invites trainers and researchers of their own organisation. */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { isTrainer, requireCoordinator } from '../access';
import { record } from '../audit/record';
import { createLink } from '../auth/links';
import type { Db } from '../db/client';
import { organisation, person, user } from '../db/schema';
import { Conflict } from '../errors';

export interface Invitation {
	personId: string;
	token: string;
}

/**
 * Makes the account (no password yet) and a 7-day invitation link. The invited person chooses a
 * password and sets up the second factor when they open the link.
 */
export async function inviteStaff(
	db: Db,
	actor: Actor,
	props: { displayName: string; email: string; role: 'trainer' | 'researcher'; isPeerExpert: boolean }
): Promise<Invitation> {
	const organisationId = requireCoordinator(actor);
	const email = props.email.toLowerCase();
	const [taken] = await db
		.select({ id: user.id })
		.from(user)
		.where(eq(sql`lower(${user.email})`, email));
	if (taken) throw new Conflict('email_taken');
	return db.transaction(async (tx) => {
		const userId = randomUUID();
		await tx.insert(user).values({ id: userId, name: props.displayName, email, emailVerified: false });
		const [created] = await tx
			.insert(person)
			.values({
				organisationId,
				userId,
				role: props.role,
				displayName: props.displayName,
				isPeerExpert: isTrainer(props) && props.isPeerExpert
			})
			.returning({ id: person.id });
		if (!created) throw new Error('staff member was not created');
		const token = await createLink(tx, {
			personId: created.id,
			purpose: 'invitation',
			createdByPersonId: actor.personId
		});
		await record(tx, {
			eventType: 'staff.invite',
			action: 'C',
			actor,
			object: { type: 'person', id: created.id }
		});
		return { personId: created.id, token };
	});
}

/**
 * A platform administrator (on the server, `npm run admin:invite-coordinator`) invites the coordinator
 * of an organisation, creating the organisation when its short name is new.
 */
export async function inviteCoordinator(
	db: Db,
	props: { organisationName: string; slug: string; displayName: string; email: string }
): Promise<Invitation & { organisationId: string }> {
	const email = props.email.toLowerCase();
	const [taken] = await db
		.select({ id: user.id })
		.from(user)
		.where(eq(sql`lower(${user.email})`, email));
	if (taken) throw new Conflict('email_taken');
	return db.transaction(async (tx) => {
		await tx
			.insert(organisation)
			.values({ name: props.organisationName, slug: props.slug })
			.onConflictDoNothing();
		const [org] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.slug, props.slug));
		if (!org) throw new Error('organisation was not created');
		const userId = randomUUID();
		await tx.insert(user).values({ id: userId, name: props.displayName, email, emailVerified: false });
		const [created] = await tx
			.insert(person)
			.values({ organisationId: org.id, userId, role: 'coordinator', displayName: props.displayName })
			.returning({ id: person.id });
		if (!created) throw new Error('coordinator was not created');
		const token = await createLink(tx, { personId: created.id, purpose: 'invitation' });
		await record(tx, {
			eventType: 'staff.invite',
			action: 'C',
			actor: null,
			organisationId: org.id,
			object: { type: 'person', id: created.id }
		});
		return { personId: created.id, token, organisationId: org.id };
	});
}
