import { m } from '$lib/paraglide/messages.js';

// Message keys that server-side form schemas may return (see $lib/server/forms.ts).
const texts: Record<string, () => string> = {
	email_required: m.error_email_required,
	email_invalid: m.error_email_invalid,
	password_required: m.error_password_required,
	too_long: m.error_too_long,
	invalid_characters: m.error_invalid_characters,
	sign_in_failed: m.error_sign_in_failed,
	account_inactive: m.error_account_inactive,
	service_unavailable: m.error_service_unavailable,
	date_invalid: m.error_date_invalid,
	no_session_on_date: m.error_no_session_on_date,
	period_reversed: m.error_period_reversed,
	page_invalid: m.error_page_invalid,
	invalid: m.error_invalid,
	life_area_required: m.error_life_area_required,
	goal_required: m.error_goal_required,
	reason_required: m.error_reason_required,
	step_required: m.error_step_required,
	time_invalid: m.error_time_invalid,
	note_required: m.error_note_required,
	message_required: m.error_message_required,
	form_key: m.error_form_key,
	reminder_no_email: m.error_reminder_no_email,
	reminder_no_device: m.error_reminder_no_device,
	code_format: m.error_code_format,
	code_invalid: m.error_code_invalid,
	none_selected: m.cards_none_selected,
	name_required: m.error_name_required,
	phone_invalid: m.error_phone_invalid,
	email_taken: m.error_email_taken,
	confirm_required: m.error_confirm_required,
	group_required: m.error_group_required,
	not_yourself: m.error_not_yourself,
	code_required: m.error_code_required,
	mfa_code_invalid: m.error_mfa_code_invalid,
	password_too_short: m.error_password_too_short,
	password_too_long: m.error_password_too_long,
	password_too_common: m.error_password_too_common,
	link_expired: m.error_link_expired,
	passkey_failed: m.error_passkey_failed,
	role_required: m.error_role_required,
	mail_failed: m.error_mail_failed,
	sso_not_available: m.error_sso_not_available,
	url_invalid: m.error_url_invalid,
	client_id_required: m.error_client_id_required,
	client_secret_required: m.error_client_secret_required,
	answer_too_long: m.step_answer_too_long,
	title_required: m.error_title_required,
	body_required: m.error_body_required,
	kind_required: m.error_kind_required,
	question_required: m.error_question_required,
	text_required: m.error_text_required,
	file_required: m.error_file_required,
	file_type: m.error_file_type,
	file_too_large: m.error_file_too_large,
	location_required: m.error_location_required,
	weekday_required: m.error_weekday_required,
	end_before_start: m.error_end_before_start,
	date_taken: m.error_date_taken,
	name_taken: m.error_name_taken,
	trainer_unknown: m.error_trainer_unknown,
	choices_count: m.error_choices_count,
	feedback_required: m.error_feedback_required,
	answer_required: m.error_answer_required,
	has_answers: m.error_has_answers,
	step_unknown: m.error_step_unknown,
	no_sessions: m.error_no_sessions,
	last_trainer: m.error_last_trainer,
	trainer_required: m.error_trainer_required,
	trainer_inactive: m.error_trainer_inactive,
	live_too_many_prompts: m.error_live_too_many_prompts,
	live_prompt_asked: m.error_live_prompt_asked,
	live_other_session: m.error_live_other_session,
	live_not_running: m.error_live_not_running,
	live_no_next_prompt: m.error_live_no_next_prompt,
	live_no_prompt: m.error_live_no_prompt,
	live_prompt_closed: m.error_live_prompt_closed,
	live_already_kept: m.error_live_already_kept,
	live_changed: m.error_live_changed,
	live_answer_changed: m.error_live_answer_changed,
	live_not_revealed: m.error_live_not_revealed,
	live_keep_too_few: m.error_live_keep_too_few,
	board_text_required: m.error_board_text_required,
	board_reason_required: m.error_board_reason_required,
	board_reply_closed: m.error_board_reply_closed,
	board_replies_full: m.error_board_replies_full,
	board_not_shown: m.error_board_not_shown,
	board_changed: m.error_board_changed
};

/** The translated text for a form error key; unknown keys get the generic "try again" text. */
export function errorText(key: string | undefined): string {
	return (key && texts[key]?.()) || m.error_400_text();
}

/** The error summary's items for a form's errors; a rate limit names when to try again. */
export function errorSummary(
	errors: Partial<Record<string, string>>,
	retryMinutes: number | undefined
): { field: string; text: string }[] {
	return Object.entries(errors).map(([field, key]) => ({
		field,
		text:
			key === 'rate_limited' ? m.error_rate_limited({ minutes: String(retryMinutes ?? 15) }) : errorText(key)
	}));
}
