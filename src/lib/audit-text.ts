/**
 * The access log in words: every event type and every reason a sign-in failed, in Dutch and
 * English, for the coordinator's log viewer, its CSV export and the participant's own log.
 * The records name the keys exhaustively, so a new event type without a text does not compile.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { AuditEventType } from '$lib/server/audit/record';
import type { SignInFailure } from '$lib/server/auth/events';

type Text = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/** What happened, as a short phrase for staff ("Logboek bekeken"). */
export const auditEventText: Record<AuditEventType, Text> = {
	'group.participants.read': m.audit_event_group_participants_read,
	'group.overview.read': m.audit_event_group_overview_read,
	'group.trainer_add': m.audit_event_group_trainer_add,
	'group.trainer_remove': m.audit_event_group_trainer_remove,
	'access.denied': m.audit_event_access_denied,
	'auth.sign_in': m.audit_event_auth_sign_in,
	'auth.sign_in_failed': m.audit_event_auth_sign_in_failed,
	'auth.sign_out': m.audit_event_auth_sign_out,
	'auth.session_end': m.audit_event_auth_session_end,
	'auth.second_factor': m.audit_event_auth_second_factor,
	'auth.second_factor_failed': m.audit_event_auth_second_factor_failed,
	'auth.totp_enrol': m.audit_event_auth_totp_enrol,
	'auth.backup_codes_new': m.audit_event_auth_backup_codes_new,
	'auth.passkey_add': m.audit_event_auth_passkey_add,
	'auth.passkey_remove': m.audit_event_auth_passkey_remove,
	'auth.password_set': m.audit_event_auth_password_set,
	'auth.link_send': m.audit_event_auth_link_send,
	'auth.link_use': m.audit_event_auth_link_use,
	'staff.invite': m.audit_event_staff_invite,
	'organisation.sso_update': m.audit_event_organisation_sso_update,
	'access_log.read': m.audit_event_access_log_read,
	'access_log.export': m.audit_event_access_log_export,
	'login_card.issue': m.audit_event_login_card_issue,
	'login_card.read': m.audit_event_login_card_read,
	'login_card.use': m.audit_event_login_card_use,
	'media.remove': m.audit_event_media_remove,
	'participant.create': m.audit_event_participant_create,
	'participant.move': m.audit_event_participant_move,
	'account.deactivate': m.audit_event_account_deactivate,
	'account.reactivate': m.audit_event_account_reactivate,
	'organisation.people.read': m.audit_event_organisation_people_read,
	'curriculum.answer_save': m.audit_event_curriculum_answer_save,
	'curriculum.answers.read': m.audit_event_curriculum_answers_read,
	'curriculum.progress.read': m.audit_event_curriculum_progress_read,
	'goal.create': m.audit_event_goal_create,
	'goal.update': m.audit_event_goal_update,
	'goal.read': m.audit_event_goal_read,
	'check_in.create': m.audit_event_check_in_create,
	'check_in.read': m.audit_event_check_in_read,
	'reminder.settings_update': m.audit_event_reminder_settings_update,
	'help_request.create': m.audit_event_help_request_create,
	'help_request.read': m.audit_event_help_request_read,
	'help_request.close': m.audit_event_help_request_close,
	'attention.read': m.audit_event_attention_read,
	'intake.read': m.audit_event_intake_read,
	'intake.update': m.audit_event_intake_update,
	'message.create': m.audit_event_message_create,
	'message.read': m.audit_event_message_read,
	'message.list': m.audit_event_message_list,
	'attendance.read': m.audit_event_attendance_read,
	'attendance.update': m.audit_event_attendance_update,
	'home_practice.answer': m.audit_event_home_practice_answer,
	'home_practice.read': m.audit_event_home_practice_read,
	'home_practice.feedback': m.audit_event_home_practice_feedback,
	'live.start': m.audit_event_live_start,
	'live.end': m.audit_event_live_end,
	'live.answer': m.audit_event_live_answer,
	'live.answer_moderate': m.audit_event_live_answer_moderate,
	'live.read': m.audit_event_live_read,
	'live.kept': m.audit_event_live_kept,
	'board.read': m.audit_event_board_read,
	'board.post_create': m.audit_event_board_post_create,
	'board.react': m.audit_event_board_react,
	'board.report': m.audit_event_board_report,
	'board.post_hide': m.audit_event_board_post_hide,
	'board.post_remove': m.audit_event_board_post_remove,
	'board.post_approve': m.audit_event_board_post_approve,
	'board.report_close': m.audit_event_board_report_close,
	'board.settings_update': m.audit_event_board_settings_update,
	'plan.update': m.audit_event_plan_update,
	'plan.read': m.audit_event_plan_read,
	'plan.status_read': m.audit_event_plan_status_read,
	'plan.settings_update': m.audit_event_plan_settings_update,
	'plan.share_care_team': m.audit_event_plan_share_care_team,
	'plan.card_print': m.audit_event_plan_card_print,
	'significant_other.invite': m.audit_event_significant_other_invite,
	'significant_other.card': m.audit_event_significant_other_card,
	'significant_other.share_goal': m.audit_event_significant_other_share_goal,
	'significant_other.end': m.audit_event_significant_other_end,
	'significant_other.goal_read': m.audit_event_significant_other_goal_read,
	'toolbox.read': m.audit_event_toolbox_read,
	'toolbox.create': m.audit_event_toolbox_create,
	'toolbox.update': m.audit_event_toolbox_update,
	'toolbox.remove': m.audit_event_toolbox_remove,
	'network.read': m.audit_event_network_read,
	'network.create': m.audit_event_network_create,
	'network.update': m.audit_event_network_update,
	'network.remove': m.audit_event_network_remove,
	'workbook.print': m.audit_event_workbook_print,
	'questionnaire.import': m.audit_event_questionnaire_import,
	'measure.read': m.audit_event_measure_read,
	'measure.answer': m.audit_event_measure_answer,
	'measure.complete': m.audit_event_measure_complete,
	'measure.results_read': m.audit_event_measure_results_read,
	'measure.overview_read': m.audit_event_measure_overview_read,
	'measure.means_read': m.audit_event_measure_means_read,
	'measure.settings_update': m.audit_event_measure_settings_update,
	'fidelity.read': m.audit_event_fidelity_read,
	'fidelity.create': m.audit_event_fidelity_create,
	'fidelity.update': m.audit_event_fidelity_update,
	'fidelity.finalise': m.audit_event_fidelity_finalise,
	'fidelity.reopen': m.audit_event_fidelity_reopen,
	'fidelity.print': m.audit_event_fidelity_print,
	'fhir.export': m.audit_event_fhir_export,
	'fhir.bulk_export': m.audit_event_fhir_bulk_export,
	'fhir.bulk_download': m.audit_event_fhir_bulk_download,
	'consent.give': m.audit_event_consent_give,
	'consent.withdraw': m.audit_event_consent_withdraw,
	'privacy.export_request': m.audit_event_privacy_export_request,
	'privacy.export_download': m.audit_event_privacy_export_download,
	'erasure.request': m.audit_event_erasure_request,
	'erasure.withdraw': m.audit_event_erasure_withdraw,
	'erasure.read': m.audit_event_erasure_read,
	'erasure.erase': m.audit_event_erasure_erase,
	'erasure.refuse': m.audit_event_erasure_refuse,
	'retention.run': m.audit_event_retention_run,
	'retention.settings_update': m.audit_event_retention_settings_update,
	'usage.export': m.audit_event_usage_export,
	'why_not.answer': m.audit_event_why_not_answer,
	'research.study_create': m.audit_event_research_study_create,
	'research.export': m.audit_event_research_export
};

/** Why a sign-in failed, as a short phrase ("verkeerd wachtwoord"). */
export const signInFailureText: Record<SignInFailure, Text> = {
	password_wrong: m.audit_failure_password_wrong,
	email_unknown: m.audit_failure_email_unknown,
	account_inactive: m.audit_failure_account_inactive,
	card_unknown: m.audit_failure_card_unknown,
	card_used: m.audit_failure_card_used,
	card_expired: m.audit_failure_card_expired,
	card_replaced: m.audit_failure_card_replaced,
	passkey_unknown: m.audit_failure_passkey_unknown,
	passkey_failed: m.audit_failure_passkey_failed,
	link_unknown: m.audit_failure_link_unknown,
	link_used: m.audit_failure_link_used,
	link_expired: m.audit_failure_link_expired,
	sso_flow: m.audit_failure_sso_flow,
	sso_provider: m.audit_failure_sso_provider,
	sso_no_account: m.audit_failure_sso_no_account
};

/** The parts of a log row its description needs. */
export interface DescribedRow {
	eventType: string;
	objectType: string | null;
	objectId: string | null;
}

/**
 * One row in words: the event, and for a refusal the page it was for, for a failed sign-in why.
 * Event types from before a rename fall back to their code, so no row is ever hidden.
 */
export function describeAuditRow(row: DescribedRow, locale?: Locale): string {
	const options = locale ? { locale } : undefined;
	const text = auditEventText[row.eventType as AuditEventType];
	const event = text ? text({}, options) : row.eventType;
	const detail = detailOf(row, options);
	return detail ? m.admin_log_detail({ event, detail }, options) : event;
}

function detailOf(row: DescribedRow, options: { locale: Locale } | undefined): string | null {
	if (!row.objectId) return null;
	if (row.objectType === 'route') return m.admin_log_denied_page({ page: row.objectId }, options);
	if (row.objectType === 'sign_in_failure') {
		const text = signInFailureText[row.objectId as SignInFailure];
		return text ? text({}, options) : row.objectId;
	}
	return null;
}

/** What someone else did, as the participant's own log says it ("las je berichten"); null when it has no phrase of its own. */
export const participantWhatText: Partial<Record<AuditEventType, () => string>> = {
	'research.export': m.audit_what_research_export,
	'group.participants.read': m.audit_what_group_participants_read,
	'group.overview.read': m.audit_what_group_overview_read,
	'access_log.read': m.audit_what_access_log_read,
	'access_log.export': m.audit_what_access_log_export,
	'login_card.issue': m.audit_what_login_card_issue,
	'plan.read': m.audit_what_plan_read,
	'plan.status_read': m.audit_what_plan_status_read,
	'significant_other.goal_read': m.audit_what_significant_other_goal_read,
	'login_card.read': m.audit_what_login_card_read,
	'participant.create': m.audit_what_participant_create,
	'participant.move': m.audit_what_participant_move,
	'account.deactivate': m.audit_what_account_deactivate,
	'account.reactivate': m.audit_what_account_reactivate,
	'organisation.people.read': m.audit_what_organisation_people_read,
	'curriculum.progress.read': m.audit_what_curriculum_progress_read,
	'curriculum.answers.read': m.audit_what_curriculum_answers_read,
	'goal.read': m.audit_what_goal_read,
	'goal.create': m.audit_what_goal_create,
	'goal.update': m.audit_what_goal_update,
	'check_in.read': m.audit_what_check_in_read,
	'help_request.read': m.audit_what_help_request_read,
	'help_request.close': m.audit_what_help_request_close,
	'attention.read': m.audit_what_attention_read,
	'intake.read': m.audit_what_intake_read,
	'intake.update': m.audit_what_intake_update,
	'message.read': m.audit_what_message_read,
	'message.list': m.audit_what_message_list,
	'message.create': m.audit_what_message_create,
	'attendance.read': m.audit_what_attendance_read,
	'attendance.update': m.audit_what_attendance_update,
	'home_practice.read': m.audit_what_home_practice_read,
	'home_practice.feedback': m.audit_what_home_practice_feedback,
	'live.answer_moderate': m.audit_what_live_answer_moderate,
	'live.read': m.audit_what_live_read,
	'live.kept': m.audit_what_live_kept,
	'board.read': m.audit_what_board_read,
	'board.post_hide': m.audit_what_board_post_hide,
	'board.post_remove': m.audit_what_board_post_remove,
	'board.post_approve': m.audit_what_board_post_approve,
	'board.report_close': m.audit_what_board_report_close,
	'toolbox.read': m.audit_what_toolbox_read,
	'network.read': m.audit_what_network_read,
	'curriculum.answer_save': m.audit_what_curriculum_answer_save,
	'workbook.print': m.audit_what_workbook_print,
	'measure.read': m.audit_what_measure_read,
	'measure.answer': m.audit_what_measure_answer,
	'measure.complete': m.audit_what_measure_complete,
	'measure.results_read': m.audit_what_measure_results_read,
	'measure.overview_read': m.audit_what_measure_overview_read,
	'fhir.export': m.audit_what_fhir_export,
	'erasure.request': m.audit_what_erasure_request,
	'erasure.read': m.audit_what_erasure_read,
	'erasure.refuse': m.audit_what_erasure_refuse,
	'why_not.answer': m.audit_what_why_not_answer
};
