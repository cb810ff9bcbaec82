/**
 * The door to a participant's privacy rights: their consents, "who can see what", their own-data
 * export and their erasure request are theirs alone (nobody acts on their behalf here, except a
 * coordinator entering an erasure request, decided in ./people.ts's requireOrganisationPerson).
 */
import { canManageOwnSharing, type Actor } from '$lib/domain/policy';
import { Forbidden } from '../errors';

/** The participant's own id; Forbidden for anyone else (staff use their own screens). */
export function requireOwnPrivacy(actor: Actor): string {
	if (!canManageOwnSharing(actor, actor.personId)) throw new Forbidden('own_data_only');
	return actor.personId;
}
