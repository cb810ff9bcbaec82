/**
 * Access to the FHIR export (issue 19, item 7). One participant's record: a trainer of the group
 * they are in now (through that group's pages), or a coordinator of their organisation — the
 * organisation answers for the care record it hands to another care provider, so its coordinator
 * may export it, as an export (logged with action E), not as reading it on a screen. The bulk
 * export of the whole organisation: its coordinators only. Another organisation's participant or
 * export looks like no one (NotFound), with the refusal in the access log.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '$lib/domain/ids';
import { canManageOrganisation, type Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { fhirExport, person } from '../db/schema';
import { Forbidden, NotFound } from '../errors';
import { findParticipantScope } from './participants';
import { recordRefusal } from './refusal';
import { isTrainer } from './roles';

/** A participant whose record the actor may export. */
export interface FhirExportScope {
	participantId: string;
	organisationId: string;
}

async function coordinatorsParticipant(db: Db | Tx, actor: Actor, participantId: string) {
	if (!actor.organisationId || !canManageOrganisation(actor, actor.organisationId)) return null;
	const [row] = await db
		.select({ id: person.id })
		.from(person)
		.where(
			and(
				eq(person.id, participantId),
				eq(person.role, 'participant'),
				eq(person.organisationId, actor.organisationId)
			)
		)
		.limit(1);
	return row ? { participantId, organisationId: actor.organisationId } : null;
}

/**
 * The participant's scope when the actor may export their record: a trainer of their group now
 * (and, with `groupId`, that group is the one in the request), or a coordinator of their
 * organisation; otherwise NotFound with the refusal in the access log (action E).
 */
export async function requireParticipantExport(
	db: Db | Tx,
	actor: Actor,
	participantId: string,
	groupId?: string
): Promise<FhirExportScope> {
	if (isUuid(participantId)) {
		if (isTrainer(actor)) {
			const scope = await findParticipantScope(db, actor, participantId, 'read');
			if (scope?.group && (groupId === undefined || scope.group.id === groupId))
				return { participantId, organisationId: scope.organisationId };
		} else if (groupId === undefined) {
			const scope = await coordinatorsParticipant(db, actor, participantId);
			if (scope) return scope;
		}
	}
	await recordRefusal(db, actor, { type: 'participant', id: participantId }, 'E');
	throw new NotFound('participant');
}

/** The organisation whose bulk export the actor runs: its coordinator; Forbidden (logged) otherwise. */
export async function requireBulkExporter(db: Db | Tx, actor: Actor): Promise<string> {
	if (actor.organisationId && canManageOrganisation(actor, actor.organisationId)) return actor.organisationId;
	await recordRefusal(db, actor, { type: 'fhir_export', id: 'organisation' }, 'E');
	throw new Forbidden('coordinator_only');
}

/** A bulk export of the actor's organisation; another organisation's (or none) → NotFound, logged. */
export async function requireOwnExport(db: Db | Tx, actor: Actor, exportId: string) {
	const organisationId = await requireBulkExporter(db, actor);
	const [row] = isUuid(exportId)
		? await db
				.select()
				.from(fhirExport)
				.where(and(eq(fhirExport.id, exportId), eq(fhirExport.organisationId, organisationId)))
				.limit(1)
		: [];
	if (row) return row;
	await recordRefusal(db, actor, { type: 'fhir_export', id: exportId }, 'E');
	throw new NotFound('fhir_export');
}
