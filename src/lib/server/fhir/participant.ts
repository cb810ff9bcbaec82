/**
 * One participant's record as a FHIR R4 Bundle (type collection): Patient (a pseudonym), their
 * Goals, QuestionnaireResponses with the Questionnaires they answer, the CarePlan of their group
 * course and an Encounter per session they attended. For a trainer of their group or a coordinator
 * (access/fhir.ts); the export is one access-log row (action E) in the transaction of the reads.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, FhirResource } from 'fhir/r4';
import type { Actor } from '$lib/domain/policy';
import type { Locale } from '$lib/paraglide/runtime.js';
import { requireParticipantExport } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { questionnaireResource } from './mappers';
import { newRecordCache, participantResources, PARTICIPANT_TYPES } from './records';

/** The base of the fullUrls in a bundle: resources live at <base>/<type>/<id>. */
export const fhirBase = (publicBaseUrl: string) => `${publicBaseUrl.replace(/\/$/, '')}/api/fhir`;

export interface BundleOptions {
	secret: string;
	locale: Locale;
	publicBaseUrl: string;
	/** The group in the request (the trainer's pages): it must be the participant's group now. */
	groupId?: string;
	now?: Date;
}

/** The entries of a collection bundle, each with its fullUrl. */
export function collectionBundle(resources: FhirResource[], base: string, now: Date): Bundle {
	return {
		resourceType: 'Bundle',
		id: randomUUID(),
		meta: { lastUpdated: now.toISOString() },
		type: 'collection',
		timestamp: now.toISOString(),
		entry: resources.map((resource) => ({
			fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
			resource
		}))
	};
}

/** The participant's record as a Bundle, when the actor may export it (NotFound, logged, otherwise). */
export async function participantBundle(
	db: Db,
	actor: Actor,
	participantId: string,
	options: BundleOptions
): Promise<Bundle> {
	const scope = await requireParticipantExport(db, actor, participantId, options.groupId);
	const now = options.now ?? new Date();
	return db.transaction(async (tx) => {
		const cache = newRecordCache();
		const resources = await participantResources(tx, scope.organisationId, [participantId], {
			secret: options.secret,
			locale: options.locale,
			since: null,
			today: now.toISOString().slice(0, 10),
			cache
		});
		await record(tx, {
			eventType: 'fhir.export',
			action: 'E',
			actor,
			participantId,
			organisationId: scope.organisationId,
			object: { type: 'fhir_bundle', id: participantId }
		});
		const questionnaires = [...cache.questionnaires].map(([id, row]) =>
			questionnaireResource({ id, ...row })
		);
		return collectionBundle(
			[...PARTICIPANT_TYPES.flatMap((type) => resources[type] as FhirResource[]), ...questionnaires],
			fhirBase(options.publicBaseUrl),
			now
		);
	});
}
