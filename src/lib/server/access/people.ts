import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canManageOrganisation, canWriteForParticipant, type Actor, type Role } from '$lib/domain/policy';
import type { AuditAction } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { courseGroup, groupMember, groupTrainer, person } from '../db/schema';
import { NotFound } from '../errors';
import { requireCoordinator } from './organisation';
import { recordRefusal } from './refusal';
import { isTrainer } from './roles';

/** A person of the coordinator's organisation, as the coordinator's pages and commands need them. */
export interface OrganisationPersonRow {
	id: string;
	displayName: string;
	role: Role;
	isPeerExpert: boolean;
	userId: string | null;
	deactivatedAt: Date | null;
}

/**
 * A person of the organisation the actor coordinates (one query); Forbidden for anyone but a
 * coordinator, NotFound (someone of another organisation looks like no one) with the refusal in
 * the access log. With `only: 'trainer'`, someone who is no trainer is not found either.
 */
export async function requireOrganisationPerson(
	db: Db | Tx,
	actor: Actor,
	personId: string,
	action: AuditAction = 'R',
	only?: 'trainer'
): Promise<OrganisationPersonRow> {
	const organisationId = requireCoordinator(actor);
	const [row] = isUuid(personId)
		? await db
				.select({
					id: person.id,
					displayName: person.displayName,
					role: person.role,
					isPeerExpert: person.isPeerExpert,
					userId: person.userId,
					deactivatedAt: person.deactivatedAt,
					organisationId: person.organisationId
				})
				.from(person)
				.where(and(eq(person.id, personId), eq(person.organisationId, organisationId)))
		: [];
	if (
		row?.organisationId &&
		canManageOrganisation(actor, row.organisationId) &&
		(only !== 'trainer' || isTrainer(row))
	) {
		const { organisationId: _organisationId, ...found } = row;
		return found;
	}
	await recordRefusal(db, actor, { type: 'person', id: personId }, action);
	throw new NotFound('person');
}

/**
 * Checks that every id (ids from a URL, unchecked) is a person of the organisation the actor
 * coordinates (one query, none for no ids); otherwise NotFound with the refusal in the access log.
 * Returns the organisation.
 */
export async function requireOrganisationPeople(db: Db | Tx, actor: Actor, ids: string[]): Promise<string> {
	const organisationId = requireCoordinator(actor);
	if (ids.length === 0) return organisationId;
	const wanted = [...new Set(ids)];
	const found = wanted.every(isUuid)
		? await db
				.select({ id: person.id })
				.from(person)
				.where(and(inArray(person.id, wanted), eq(person.organisationId, organisationId)))
		: [];
	if (found.length === wanted.length) return organisationId;
	const known = new Set(found.map((row) => row.id));
	await recordRefusal(db, actor, { type: 'person', id: wanted.find((id) => !known.has(id)) ?? '' });
	throw new NotFound('person');
}

/** A participant the actor may act for, with the group they are in now. */
export interface TrainedParticipant {
	id: string;
	displayName: string;
	groupName: string;
}

/**
 * Those of the given participants (active accounts) whom the actor may act for as a trainer of the
 * group they are in now (one query); the caller decides what a shorter list means. No logging.
 */
export async function findTrainedParticipants(
	db: Db | Tx,
	actor: Actor,
	participantIds: string[]
): Promise<TrainedParticipant[]> {
	if (!actor.organisationId || participantIds.length === 0 || !participantIds.every(isUuid)) return [];
	const rows = await db
		.select({
			id: person.id,
			displayName: person.displayName,
			groupName: courseGroup.name,
			organisationId: courseGroup.organisationId
		})
		.from(groupTrainer)
		.innerJoin(groupMember, and(eq(groupMember.groupId, groupTrainer.groupId), isNull(groupMember.leftAt)))
		.innerJoin(person, and(eq(person.id, groupMember.personId), isNull(person.deactivatedAt)))
		.innerJoin(courseGroup, eq(courseGroup.id, groupTrainer.groupId))
		.where(
			and(
				eq(groupTrainer.personId, actor.personId),
				eq(person.role, 'participant'),
				sql`${person.id} = any(${sql.param(participantIds)}::uuid[])`
			)
		);
	return rows
		.filter((row) =>
			canWriteForParticipant(actor, {
				participantId: row.id,
				organisationId: row.organisationId,
				actorTrainsParticipant: true,
				sharedWithActor: false
			})
		)
		.map(({ organisationId: _organisationId, ...row }) => row);
}
