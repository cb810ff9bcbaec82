import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { organisation, person } from '../db/schema';

/** The columns that make an Actor; select them with a left join of `organisation` on the person. */
export const actorColumns = {
	personId: person.id,
	role: person.role,
	displayName: person.displayName,
	isPeerExpert: person.isPeerExpert,
	organisationId: person.organisationId,
	organisationName: organisation.name,
	organisationIsDemo: organisation.isDemo
};

/** The active person behind a login identity, with their organisation; null if none or deactivated. */
export async function loadActor(db: Db | Tx, userId: string): Promise<Actor | null> {
	const [row] = await db
		.select(actorColumns)
		.from(person)
		.leftJoin(organisation, eq(organisation.id, person.organisationId))
		.where(and(eq(person.userId, userId), isNull(person.deactivatedAt)));
	if (!row) return null;
	return { ...row, userId, organisationIsDemo: row.organisationIsDemo ?? false };
}
