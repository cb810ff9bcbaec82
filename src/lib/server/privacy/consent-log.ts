/**
 * The history of consent: every change of an optional purpose, with its time and who made it. Written
 * by every command that changes one of the four switches, in that command's transaction.
 */
import type { Tx } from '../db/client';
import { consentChange } from '../db/schema';

export const consentPurposes = ['research', 'reminders', 'naaste', 'care_team'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Appends one change of `purpose` for `personId` to the history. */
export async function noteConsentChange(
	tx: Tx,
	change: { personId: string; purpose: ConsentPurpose; given: boolean; byPersonId: string | null }
): Promise<void> {
	await tx.insert(consentChange).values(change);
}
