/**
 * The participant's "who viewed my data" page in words, made on the server: the log's phrases for
 * every kind of event are many, and the page's script would otherwise carry them all (issue 21: at
 * most 45 KB of JavaScript per page). The texts are in the request's language.
 */
import { describeAuditRow, participantWhatText } from '$lib/audit-text';
import type { Role } from '$lib/domain/policy';
import { formatTimes } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import { roleLabel } from '$lib/roles';
import type { ParticipantLogRow } from './queries';

export interface ParticipantLogDay {
	/** The Dutch calendar day, "YYYY-MM-DD". */
	day: string;
	lines: { when: string; text: string }[];
}

function who(row: ParticipantLogRow): string {
	if (!row.actorRole) return m.access_log_who_unknown();
	const role = row.actorIsPeerExpert ? m.peer_expert() : roleLabel(row.actorRole as Role).toLowerCase();
	const organisation = row.organisationName ?? '';
	return row.actorName
		? m.access_log_who_named({ name: row.actorName, role, organisation })
		: m.access_log_who_unnamed({ role, organisation });
}

// Events without a phrase of their own still say what happened, never just "something".
function text(row: ParticipantLogRow): string {
	if (row.eventType === 'login_card.use') return m.audit_login_card_used();
	if (row.eventType === 'auth.link_use') return m.audit_link_used();
	const what = participantWhatText[row.eventType as keyof typeof participantWhatText];
	if (what) return m.access_log_item({ who: who(row), what: what() });
	const event = describeAuditRow({ eventType: row.eventType, objectType: null, objectId: null });
	return m.access_log_item_event({ who: who(row), event });
}

// When that day: a time, or from the first to the last time and how often.
function when(row: ParticipantLogRow, locale: string): string {
	const time = formatTimes(row.firstAt, row.recordedAt, locale);
	return row.count > 1 ? m.access_log_times({ time, count: String(row.count) }) : time;
}

/** The lines under their day (the query gives each day's lines together, newest first). */
export function participantLogDays(rows: ParticipantLogRow[], locale: string): ParticipantLogDay[] {
	const days: ParticipantLogDay[] = [];
	for (const row of rows) {
		const line = { when: when(row, locale), text: text(row) };
		const last = days.at(-1);
		if (last?.day === row.day) last.lines.push(line);
		else days.push({ day: row.day, lines: [line] });
	}
	return days;
}
