/**
 * A row of the access log (NEN 7513) as a FHIR R4 AuditEvent. The fields NEN 7513 asks for map as:
 * what happened → type (the DICOM event kind) and subtype (our event type, in words); the kind of
 * access → action (C/R/U/D/E, the codes the log already keeps); when → recorded; whether it worked →
 * outcome; who, in which role, and on whose behalf → agent (with the access point, the IP address,
 * as network); the system → source; whose data and which object → entity.
 *
 * People appear only as pseudonyms: every id in the row (the actor, on whose behalf, the
 * participant, ids inside an object or a page path) is replaced by its keyed hash, which for a
 * participant is their Patient id in the same export. Names are left out.
 */
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from 'fhir/r4';
import { auditEventText } from '$lib/audit-text';
import type { AuditEventType } from '$lib/server/audit/record';
import type { Locale } from '$lib/paraglide/runtime.js';
import { PSEUDONYM_SYSTEM } from './ids';

/** Our event types as a code system (AuditEvent.subtype). */
export const AUDIT_EVENT_SYSTEM = 'https://herstelpad.nl/fhir/CodeSystem/audit-event';
/** The objects a log row names (AuditEvent.entity.what.identifier.system), per object type. */
export const AUDIT_OBJECT_SYSTEM = 'https://herstelpad.nl/fhir/sid/object';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export interface AuditRow {
	id: number;
	recordedAt: Date;
	eventType: string;
	action: 'C' | 'R' | 'U' | 'D' | 'E';
	outcome: 'success' | 'failure';
	actorPersonId: string | null;
	actorRole: string | null;
	onBehalfOfPersonId: string | null;
	participantId: string | null;
	participantIds: string[] | null;
	objectType: string | null;
	objectId: string | null;
	accessPoint: string | null;
}

/** The DICOM kind of event (AuditEvent.type) for one of ours. */
export function auditTypeOf(row: Pick<AuditRow, 'eventType' | 'action'>): Coding {
	if (row.eventType.startsWith('auth.') || row.eventType === 'login_card.use')
		return { system: DCM, code: '110114', display: 'User Authentication' };
	if (row.eventType === 'access.denied') return { system: DCM, code: '110113', display: 'Security Alert' };
	if (row.eventType.startsWith('access_log.'))
		return { system: DCM, code: '110101', display: 'Audit Log Used' };
	if (row.action === 'E') return { system: DCM, code: '110106', display: 'Export' };
	return { system: DCM, code: '110110', display: 'Patient Record' };
}

/** One log row as an AuditEvent; `pseudonym` turns a person id (or any id) into its keyed hash. */
export function auditEventResource(
	row: AuditRow,
	pseudonym: (id: string) => string,
	locale: Locale
): AuditEvent {
	const words = auditEventText[row.eventType as AuditEventType];
	const person = (id: string) => ({ identifier: { system: PSEUDONYM_SYSTEM, value: pseudonym(id) } });
	const agents: AuditEventAgent[] = [
		row.actorPersonId
			? {
					type: {
						coding: [
							{
								system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type',
								code: 'humanuser',
								display: 'human user'
							}
						]
					},
					...(row.actorRole ? { role: [{ text: row.actorRole }] } : {}),
					who: person(row.actorPersonId),
					requestor: true,
					...(row.accessPoint ? { network: { address: row.accessPoint, type: '2' as const } } : {})
				}
			: {
					type: { coding: [{ system: DCM, code: '110150', display: 'Application' }] },
					who: { display: 'Herstelpad' },
					requestor: false,
					...(row.accessPoint ? { network: { address: row.accessPoint, type: '2' as const } } : {})
				}
	];
	if (row.onBehalfOfPersonId)
		agents.push({ role: [{ text: 'on behalf of' }], who: person(row.onBehalfOfPersonId), requestor: false });
	const participants = [
		...new Set([...(row.participantId ? [row.participantId] : []), ...(row.participantIds ?? [])])
	];
	const entities: AuditEventEntity[] = participants.map((id) => ({
		what: person(id),
		type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
		role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' }
	}));
	if (row.objectType && row.objectId)
		entities.push({
			what: {
				identifier: {
					system: `${AUDIT_OBJECT_SYSTEM}/${encodeURIComponent(row.objectType)}`,
					value: row.objectId.replace(UUID, (id) => pseudonym(id.toLowerCase()))
				}
			},
			type: {
				system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
				code: '2',
				display: 'System Object'
			}
		});
	return {
		resourceType: 'AuditEvent',
		id: String(row.id),
		type: auditTypeOf(row),
		subtype: [
			{
				system: AUDIT_EVENT_SYSTEM,
				code: row.eventType,
				...(words ? { display: words({}, { locale }) } : {})
			}
		],
		action: row.action,
		recorded: row.recordedAt.toISOString(),
		outcome: row.outcome === 'success' ? '0' : '4',
		agent: agents,
		source: {
			observer: { display: 'Herstelpad' },
			type: [
				{
					system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
					code: '4',
					display: 'Application Server'
				}
			]
		},
		...(entities.length > 0 ? { entity: entities } : {})
	};
}
