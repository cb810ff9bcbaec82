/** The privacy screens' words for each consent purpose (title and what it means). */
import { m } from '$lib/paraglide/messages.js';

export const consentPurposeText: Record<
	'research' | 'reminders' | 'naaste' | 'care_team',
	{ title: () => string; what: () => string }
> = {
	reminders: { title: m.privacy_purpose_reminders, what: m.privacy_purpose_reminders_what },
	care_team: { title: m.privacy_purpose_care_team, what: m.privacy_purpose_care_team_what },
	naaste: { title: m.privacy_purpose_naaste, what: m.privacy_purpose_naaste_what },
	research: { title: m.privacy_purpose_research, what: m.privacy_purpose_research_what }
};

/** An erasure request's state in words. */
export const erasureStatusText: Record<'open' | 'erased' | 'refused' | 'withdrawn', () => string> = {
	open: m.erasure_status_open,
	erased: m.erasure_status_erased,
	refused: m.erasure_status_refused,
	withdrawn: m.erasure_status_withdrawn
};

/** A retention kind in words (the coordinator's page). */
export const retentionKindText: Record<
	'check_ins' | 'messages' | 'help_requests' | 'live_answers' | 'board_posts' | 'access_log' | 'after_course',
	() => string
> = {
	check_ins: m.retention_kind_check_ins,
	messages: m.retention_kind_messages,
	help_requests: m.retention_kind_help_requests,
	live_answers: m.retention_kind_live_answers,
	board_posts: m.retention_kind_board_posts,
	access_log: m.retention_kind_access_log,
	after_course: m.retention_kind_after_course
};
