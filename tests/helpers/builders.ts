/**
 * Typed builders for integration tests: each test makes its own organisation, so tests never
 * share rows and never need cleaning up.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, Role } from '../../src/lib/domain/policy';
import { loadActor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db/client';
import {
	courseGroup,
	groupMember,
	groupTrainer,
	organisation,
	person,
	user
} from '../../src/lib/server/db/schema';

const unique = () => randomBytes(4).toString('hex');

export async function buildOrganisation(db: Db, name = `Organisatie ${unique()}`) {
	const [row] = await db
		.insert(organisation)
		.values({ name, slug: `org-${unique()}` })
		.returning();
	if (!row) throw new Error('organisation not created');
	return row;
}

export async function buildPerson(
	db: Db,
	props: { organisationId: string | null; role: Role; name?: string; isPeerExpert?: boolean; phone?: string }
): Promise<Actor> {
	const userId = randomUUID();
	const name = props.name ?? `${props.role} ${unique()}`;
	await db
		.insert(user)
		.values({ id: userId, name, email: `${unique()}-${props.role}@test.example`, emailVerified: true });
	await db.insert(person).values({
		organisationId: props.organisationId,
		userId,
		role: props.role,
		displayName: name,
		isPeerExpert: props.isPeerExpert ?? false,
		phone: props.phone
	});
	const actor = await loadActor(db, userId);
	if (!actor) throw new Error('person not created');
	return actor;
}

export async function buildGroup(
	db: Db,
	props: {
		organisationId: string;
		trainers?: Actor[];
		participants?: Actor[];
		name?: string;
		endDate?: string;
	}
) {
	const [group] = await db
		.insert(courseGroup)
		.values({
			organisationId: props.organisationId,
			name: props.name ?? `Groep ${unique()}`,
			location: 'Zaal 1',
			weekday: 2,
			startTime: '14:00',
			startDate: '2026-09-01',
			endDate: props.endDate
		})
		.returning();
	if (!group) throw new Error('group not created');
	for (const trainer of props.trainers ?? [])
		await db.insert(groupTrainer).values({ groupId: group.id, personId: trainer.personId });
	for (const participant of props.participants ?? [])
		await db.insert(groupMember).values({ groupId: group.id, personId: participant.personId });
	return group;
}
