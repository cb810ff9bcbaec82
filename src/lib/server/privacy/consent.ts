/**
 * Consent per optional purpose: research use of pseudonymised data, reminders, sharing with a naaste,
 * and the care team reading the relapse-prevention plan. All are off until the participant gives
 * them; each is given or withdrawn with one tap and takes effect at once, because every check reads
 * the database (research exports, the naaste's access, the reminder worker, the plan's readers).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import { requireOwnPrivacy } from '../access';
import { record } from '../audit/record';
import type { Db, Tx } from '../db/client';
import { consent, consentChange, relapsePlan, reminderPreference } from '../db/schema';
import { noteConsentChange, type ConsentPurpose } from './consent-log';

export { consentPurposes, type ConsentPurpose } from './consent-log';

/** The participant's four decisions and their latest changes. */
export interface ConsentOverview {
	given: Record<ConsentPurpose, boolean>;
	history: { purpose: ConsentPurpose; given: boolean; at: Date; bySelf: boolean }[];
}

/** How many changes the consent page shows (newest first). */
export const CONSENT_HISTORY_SHOWN = 4;

/** The current decision of every purpose for one person (no audit row: callers write their own). */
export async function consentStateOf(
	db: Db | Tx,
	personId: string
): Promise<Record<ConsentPurpose, boolean>> {
	const result = await db.execute<{
		research: boolean;
		naaste: boolean;
		reminders: boolean;
		care_team: boolean;
	}>(sql`
		select
			coalesce((select ${consent.given} from ${consent} where ${consent.personId} = ${personId} and ${consent.purpose} = 'research'), false) as research,
			coalesce((select ${consent.given} from ${consent} where ${consent.personId} = ${personId} and ${consent.purpose} = 'naaste'), false) as naaste,
			coalesce((select ${reminderPreference.enabled} from ${reminderPreference} where ${reminderPreference.personId} = ${personId}), false) as reminders,
			coalesce((select ${relapsePlan.sharedWithCareTeam} from ${relapsePlan} where ${relapsePlan.personId} = ${personId}), false) as care_team`);
	const row = result.rows[0];
	return {
		research: row?.research === true,
		naaste: row?.naaste === true,
		reminders: row?.reminders === true,
		care_team: row?.care_team === true
	};
}

/** The participant's own consents with the latest changes (their own page). */
export async function ownConsents(db: Db, actor: Actor): Promise<ConsentOverview> {
	const personId = requireOwnPrivacy(actor);
	const given = await consentStateOf(db, personId);
	const history = await db
		.select({
			purpose: consentChange.purpose,
			given: consentChange.given,
			at: consentChange.at,
			by: consentChange.byPersonId
		})
		.from(consentChange)
		.where(eq(consentChange.personId, personId))
		.orderBy(desc(consentChange.at), desc(consentChange.id))
		.limit(CONSENT_HISTORY_SHOWN);
	return {
		given,
		history: history.map((row) => ({
			purpose: row.purpose,
			given: row.given,
			at: row.at,
			bySelf: row.by === personId
		}))
	};
}

/** Writes the decision for a purpose kept in the consent table (research, naaste). True when it changed. */
export async function writeStoredConsent(
	tx: Tx,
	personId: string,
	purpose: 'research' | 'naaste',
	given: boolean,
	byPersonId: string | null
): Promise<boolean> {
	const [before] = await tx
		.select({ given: consent.given })
		.from(consent)
		.where(and(eq(consent.personId, personId), eq(consent.purpose, purpose)))
		.for('update');
	if ((before?.given ?? false) === given) return false;
	await tx
		.insert(consent)
		.values({ personId, purpose, given })
		.onConflictDoUpdate({
			target: [consent.personId, consent.purpose],
			set: { given, changedAt: new Date() }
		});
	await noteConsentChange(tx, { personId, purpose, given, byPersonId });
	return true;
}

/**
 * The participant gives or withdraws one purpose, at once. Reminders and the care team's reading are
 * the same switches as on the reminder and plan screens; research and sharing with a naaste live here
 * (withdrawing the latter pauses every naaste's access; their links stay, so giving it again resumes).
 */
export async function setOwnConsent(
	db: Db,
	actor: Actor,
	purpose: ConsentPurpose,
	given: boolean
): Promise<void> {
	const personId = requireOwnPrivacy(actor);
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext('consent'), hashtext(${personId}))`);
		const before = await consentStateOf(tx, personId);
		if (before[purpose] === given) return;
		if (purpose === 'research' || purpose === 'naaste') {
			await writeStoredConsent(tx, personId, purpose, given, personId);
		} else {
			if (purpose === 'reminders')
				await tx
					.insert(reminderPreference)
					.values({ personId, enabled: given })
					.onConflictDoUpdate({
						target: reminderPreference.personId,
						set: { enabled: given, updatedAt: new Date() }
					});
			else
				await tx
					.insert(relapsePlan)
					.values({ personId, sharedWithCareTeam: given })
					.onConflictDoUpdate({
						target: relapsePlan.personId,
						set: { sharedWithCareTeam: given, updatedAt: new Date() }
					});
			await noteConsentChange(tx, { personId, purpose, given, byPersonId: personId });
		}
		await record(tx, {
			eventType: given ? 'consent.give' : 'consent.withdraw',
			action: 'U',
			actor,
			participantId: personId,
			object: { type: 'consent', id: `${personId}/${purpose}` }
		});
	});
}
