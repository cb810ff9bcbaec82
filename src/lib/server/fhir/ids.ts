/**
 * Ids in the FHIR export. A participant appears only as a pseudonym: a keyed hash (HMAC-SHA256 with
 * the app secret, AUTH_SECRET or data/auth-secret) of their person id, the same in every export of
 * this installation, so a receiving system can link a later export to an earlier one, but nobody
 * without the secret can tell whose it is. Resources made from one participant's rows in another
 * table (a care plan per group, an encounter per session) get a keyed id the same way; resources
 * with a row of their own (goals, responses, questionnaires, log rows) keep the row's id.
 */
import { createHmac } from 'node:crypto';

/** The identifier system of the pseudonym (Patient.identifier, AuditEvent.entity). */
export const PSEUDONYM_SYSTEM = 'https://herstelpad.nl/fhir/sid/pseudonym';

/** A FHIR id ([A-Za-z0-9-.]{1,64}): 32 hex characters of the keyed hash of the parts. */
export function keyedId(secret: string, kind: string, ...parts: string[]): string {
	return createHmac('sha256', secret)
		.update(`fhir-${kind}:${parts.join('|')}`)
		.digest('hex')
		.slice(0, 32);
}

/** The participant's pseudonym: the Patient's id and identifier. */
export function patientPseudonym(secret: string, personId: string): string {
	return keyedId(secret, 'patient', personId);
}
