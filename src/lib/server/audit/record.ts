/**
 * The access log (NEN 7513): one append-only row per touch of a participant's data, written with
 * the action (same transaction for writes) so that if the log write fails, the action fails.
 * Hash chaining and the append-only rules live in the database (migration 0002).
 */
import { getRequestEvent } from '$app/server';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { auditEvent } from '../db/schema';

/** What happened, in words a participant's log screen can translate (messages: audit_event_*). */
export const auditEventTypes = [
	'group.participants.read',
	'group.overview.read',
	'group.trainer_add',
	'group.trainer_remove',
	'access.denied',
	'auth.sign_in',
	'auth.sign_in_failed',
	'auth.sign_out',
	'auth.session_end',
	'auth.second_factor',
	'auth.second_factor_failed',
	'auth.totp_enrol',
	'auth.backup_codes_new',
	'auth.passkey_add',
	'auth.passkey_remove',
	'auth.password_set',
	'auth.link_send',
	'auth.link_use',
	'staff.invite',
	'organisation.sso_update',
	'access_log.read',
	'access_log.export',
	'login_card.issue',
	'login_card.read',
	'login_card.use',
	'media.remove',
	'participant.create',
	'participant.move',
	'account.deactivate',
	'account.reactivate',
	'organisation.people.read',
	'curriculum.answer_save',
	'curriculum.answers.read',
	'curriculum.progress.read',
	'goal.create',
	'goal.update',
	'goal.read',
	'check_in.create',
	'check_in.read',
	'reminder.settings_update',
	'help_request.create',
	'help_request.read',
	'help_request.close',
	'attention.read',
	'intake.read',
	'intake.update',
	'message.create',
	'message.read',
	'message.list',
	'attendance.read',
	'attendance.update',
	'home_practice.answer',
	'home_practice.read',
	'home_practice.feedback',
	'live.start',
	'live.end',
	'live.answer',
	'live.answer_moderate',
	'live.read',
	'live.kept',
	'board.read',
	'board.post_create',
	'board.react',
	'board.report',
	'board.post_hide',
	'board.post_remove',
	'board.post_approve',
	'board.report_close',
	'board.settings_update',
	'plan.update',
	'plan.read',
	'plan.status_read',
	'plan.settings_update',
	'plan.share_care_team',
	'plan.card_print',
	'significant_other.invite',
	'significant_other.card',
	'significant_other.share_goal',
	'significant_other.end',
	'significant_other.goal_read',
	'toolbox.read',
	'toolbox.create',
	'toolbox.update',
	'toolbox.remove',
	'network.read',
	'network.create',
	'network.update',
	'network.remove',
	'workbook.print',
	'questionnaire.import',
	'measure.read',
	'measure.answer',
	'measure.complete',
	'measure.results_read',
	'measure.overview_read',
	'measure.means_read',
	'measure.settings_update',
	'fidelity.read',
	'fidelity.create',
	'fidelity.update',
	'fidelity.finalise',
	'fidelity.reopen',
	'fidelity.print',
	'fhir.export',
	'fhir.bulk_export',
	'fhir.bulk_download',
	'consent.give',
	'consent.withdraw',
	'privacy.export_request',
	'privacy.export_download',
	'erasure.request',
	'erasure.withdraw',
	'erasure.read',
	'erasure.erase',
	'erasure.refuse',
	'retention.run',
	'retention.settings_update',
	'usage.export',
	'why_not.answer',
	'research.study_create',
	'research.export'
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

/** FHIR AuditEvent action codes: Create, Read, Update, Delete, Execute (print, export, search). */
export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

export interface AuditEntry {
	eventType: AuditEventType;
	action: AuditAction;
	outcome?: 'success' | 'failure';
	/** Who acted: a signed-in actor, or a person another capability acts as (the live wall's trainer). */
	actor: Pick<Actor, 'personId' | 'role' | 'displayName' | 'organisationId'> | null;
	onBehalfOfPersonId?: string | null;
	/** The participant whose data was touched, if any. */
	participantId?: string | null;
	/** The participants a list read showed: one row for the whole page instead of one per person. */
	participantIds?: string[] | null;
	/** The organisation the data belongs to; defaults to the actor's. */
	organisationId?: string | null;
	object?: { type: string; id: string } | null;
	/** The IP address of the request; read from the current request when left out. */
	accessPoint?: string | null;
}

function currentAccessPoint(): string | null {
	try {
		return getRequestEvent().getClientAddress();
	} catch {
		return null; // not inside a request (tests, command-line tools)
	}
}

/** Writes access-log rows; call it inside the action's transaction. */
export async function record(tx: Tx | Db, ...entries: AuditEntry[]): Promise<void> {
	if (entries.length === 0) return;
	const accessPoint = currentAccessPoint();
	await tx.insert(auditEvent).values(
		entries.map((entry) => ({
			eventType: entry.eventType,
			action: entry.action,
			outcome: entry.outcome ?? 'success',
			actorPersonId: entry.actor?.personId ?? null,
			actorRole: entry.actor?.role ?? null,
			actorName: entry.actor?.displayName ?? null,
			actorOrganisationId: entry.actor?.organisationId ?? null,
			onBehalfOfPersonId: entry.onBehalfOfPersonId ?? null,
			participantId: entry.participantId ?? null,
			participantIds: entry.participantIds ?? null,
			organisationId: entry.organisationId ?? entry.actor?.organisationId ?? null,
			objectType: entry.object?.type ?? null,
			objectId: entry.object?.id ?? null,
			accessPoint: entry.accessPoint ?? accessPoint
		}))
	);
}
