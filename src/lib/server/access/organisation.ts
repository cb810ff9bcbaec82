import { canManageOrganisation, isStaffOf, type Actor } from '$lib/domain/policy';
import { Forbidden } from '../errors';
import { isTrainer } from './roles';

/**
 * The organisation the actor runs as its coordinator; Forbidden otherwise. No query: the actor carries
 * its organisation. Objects named in the request are then looked up within this organisation only.
 */
export function requireCoordinator(actor: Actor): string {
	if (actor.organisationId && canManageOrganisation(actor, actor.organisationId)) return actor.organisationId;
	throw new Forbidden('coordinator_only');
}

/** The organisation the actor works for as trainer or coordinator; Forbidden otherwise. */
export function requireOrganisationStaff(actor: Actor, organisationId = actor.organisationId): string {
	if (organisationId && isStaffOf(actor, organisationId)) return organisationId;
	throw new Forbidden('staff_only');
}

/** The organisation the actor trains groups for; Forbidden for anyone but a trainer. */
export function requireTrainer(actor: Actor): string {
	if (actor.organisationId && isTrainer(actor)) return actor.organisationId;
	throw new Forbidden('trainer_only');
}
