/**
 * Check-in weeks. A week runs from one held group session to the next, in Dutch local time, so that
 * "this week" is the same for the whole group whatever the daylight-saving time. A group with a
 * calendar follows it: a moved session moves the week's edge, a cancelled one makes the week run on
 * to the next session that is held, an extra one starts a week of its own. A group without a
 * calendar (made before calendars existed) meets weekly from its start date (schedule.ts).
 */
import { addDays, isoWeekday, local, localToInstant, type WeeklySchedule } from './schedule';

export interface CheckInWeek {
	/** 0 for the week that starts with the first session. */
	index: number;
	/** The local date of the session that opens the week. */
	startDate: string;
	startsAt: Date;
	/** The next session: the start of the following week. */
	endsAt: Date;
}

/** A session of the calendar that takes place (planned, not cancelled), in local date and time. */
export interface HeldSession {
	date: string;
	/** 'HH:MM' (seconds ignored). */
	time: string;
	/** The date it was planned on before it was moved, if it was. */
	movedFrom?: string | null;
}

/** What a group's weeks are made of: its weekly schedule and, once it has a calendar, the held sessions. */
export interface WeekSource extends WeeklySchedule {
	/** The calendar's held sessions sorted by date; null or absent for a group without a calendar. */
	heldSessions?: readonly HeldSession[] | null;
}

/** The held sessions of a calendar (any order, any status), sorted by date: what `heldSessions` expects. */
export function heldSessionsOf(
	sessions: readonly { date: string; time: string; status: string; movedFrom?: string | null }[]
): HeldSession[] {
	return sessions
		.filter((session) => session.status === 'planned')
		.map((session) => ({
			date: session.date,
			time: session.time.slice(0, 5),
			movedFrom: session.movedFrom ?? null
		}))
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The date of the first session: the first day on or after the start date on the group's weekday. */
export function firstSessionDate(schedule: WeeklySchedule): string {
	let date = schedule.startDate;
	while (isoWeekday(date) !== schedule.weekday) date = addDays(date, 1);
	return date;
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The start instants of a calendar's held sessions, worked out once per list (lists are not changed). */
const startsOf = new WeakMap<readonly HeldSession[], Date[]>();

function sessionStarts(sessions: readonly HeldSession[]): Date[] {
	let starts = startsOf.get(sessions);
	if (!starts) {
		starts = sessions.map((session) => localToInstant(session.date, session.time.slice(0, 5)));
		startsOf.set(sessions, starts);
	}
	return starts;
}

function calendarWeek(sessions: readonly HeldSession[], index: number): CheckInWeek | null {
	const session = sessions[index];
	if (!session) return null;
	const starts = sessionStarts(sessions);
	return {
		index,
		startDate: session.date,
		startsAt: starts[index]!,
		// After the last held session the week lasts the usual seven days.
		endsAt: starts[index + 1] ?? localToInstant(addDays(session.date, 7), session.time.slice(0, 5))
	};
}

/** The last index in 0…length-1 for which `atOrBefore` holds (it holds for a prefix), or -1. */
function lastWhere(length: number, atOrBefore: (index: number) => boolean): number {
	let low = 0;
	let high = length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (atOrBefore(middle)) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}

/** Week `index` of the course, or null before the first or after the last session's week. */
export function checkInWeek(source: WeekSource, index: number): CheckInWeek | null {
	if (!Number.isInteger(index) || index < 0) return null;
	if (source.heldSessions) return calendarWeek(source.heldSessions, index);
	const time = source.startTime.slice(0, 5);
	const startDate = addDays(firstSessionDate(source), 7 * index);
	if (source.endDate && startDate > source.endDate) return null;
	return {
		index,
		startDate,
		startsAt: localToInstant(startDate, time),
		endsAt: localToInstant(addDays(startDate, 7), time)
	};
}

/** The week `at` falls in, or null before the first session or after the last session's week. */
export function checkInWeekAt(source: WeekSource, at: Date): CheckInWeek | null {
	if (source.heldSessions) {
		const starts = sessionStarts(source.heldSessions);
		const week = calendarWeek(
			source.heldSessions,
			lastWhere(starts.length, (index) => starts[index]! <= at)
		);
		return week && at < week.endsAt ? week : null;
	}
	const first = firstSessionDate(source);
	let index = Math.floor(daysBetween(first, local(at).date) / 7);
	let week = checkInWeek(source, index);
	// On the session's own day, the week before lasts until the session begins.
	if (week && at < week.startsAt) week = checkInWeek(source, --index);
	if (!week && index >= 0 && source.endDate) {
		const last = checkInWeek(source, index - 1);
		if (last && at < last.endsAt) return last;
	}
	return week;
}

/**
 * The week a stored week start (a session date kept with a check-in, draft or reminder) belongs to
 * now: the week whose session falls on that date, or — when that session was moved since — the week
 * of the moved session, or — when it was cancelled — the week that date lies in. Null before the first session or after the last week.
 */
export function weekOfDate(source: WeekSource, date: string): CheckInWeek | null {
	if (source.heldSessions) {
		const sessions = source.heldSessions;
		// A session moved away from this date (earlier or later) keeps what was stored under it.
		if (!sessions.some((session) => session.date === date)) {
			const moved = sessions.findIndex((session) => session.movedFrom === date);
			if (moved >= 0) return calendarWeek(sessions, moved);
		}
		const week = calendarWeek(
			sessions,
			lastWhere(sessions.length, (index) => sessions[index]!.date <= date)
		);
		return week && date < local(week.endsAt).date ? week : null;
	}
	const days = daysBetween(firstSessionDate(source), date);
	return days < 0 ? null : checkInWeek(source, Math.floor(days / 7));
}

/**
 * The earliest stored date that can belong to `week` or a later one: usually its start, but a
 * session moved later keeps what was stored under its old, earlier date (see weekOfDate).
 */
export function earliestStoredDate(source: WeekSource, week: CheckInWeek): string {
	let first = week.startDate;
	for (const session of source.heldSessions?.slice(week.index) ?? [])
		if (session.movedFrom && session.movedFrom < first) first = session.movedFrom;
	return first;
}

/**
 * Whether a check-in for week `index` is taken at `at`. A late check-in counts for the week it was
 * meant for: from the start of that week until the end of the week after it.
 */
export function acceptsCheckIn(source: WeekSource, index: number, at: Date): boolean {
	const week = checkInWeek(source, index);
	if (!week || at < week.startsAt) return false;
	const next = checkInWeek(source, index + 1);
	return at < (next?.endsAt ?? localToInstant(addDays(week.startDate, 14), local(week.startsAt).time));
}

/** The start dates of the next `count` weeks that have not begun at `now`: the sessions a step can aim for. */
export function upcomingWeekStarts(source: WeekSource, now: Date, count: number): string[] {
	const current = checkInWeekAt(source, now);
	const weeks: string[] = [];
	for (let index = current ? current.index + 1 : 0; weeks.length < count; index++) {
		const week = checkInWeek(source, index);
		if (!week) break;
		if (week.startsAt > now) weeks.push(week.startDate);
	}
	return weeks;
}

/**
 * The date of the session a step aims for, as the calendar stands now: the session planned on
 * `target`, or the one moved away from it, or (when that one was cancelled) the next held one.
 */
export function targetSessionDate(source: WeekSource, target: string): string {
	const sessions = source.heldSessions;
	if (!sessions) return target;
	if (sessions.some((session) => session.date === target)) return target;
	const moved = sessions.find((session) => session.movedFrom === target);
	if (moved) return moved.date;
	return sessions.find((session) => session.date > target)?.date ?? target;
}

/**
 * How many whole weeks before the one running at `at` went by without a check-in: the weeks after
 * the week of the last check-in (`lastWeekStart`, a stored week start) that began on or after the
 * day the participant joined. 0 outside the course's weeks.
 */
export function weeksWithoutCheckIn(
	source: WeekSource,
	at: Date,
	lastWeekStart: string | null,
	joinedDate: string
): number {
	const week = checkInWeekAt(source, at);
	if (!week) return 0;
	let from = 0;
	if (lastWeekStart) {
		const last = weekOfDate(source, lastWeekStart);
		// A stored week after the course's last week cannot be older than the week running now.
		from = last ? last.index + 1 : lastWeekStart < week.startDate ? 0 : week.index;
	}
	// Week starts rise with the index: the weeks that began on or after joining are a tail of the list.
	const firstAfterJoining = source.heldSessions
		? lastWhere(source.heldSessions.length, (index) => source.heldSessions![index]!.date < joinedDate) + 1
		: Math.max(0, Math.ceil(daysBetween(firstSessionDate(source), joinedDate) / 7));
	return Math.max(0, week.index - Math.max(from, firstAfterJoining));
}
