/**
 * Check-in weeks. A week runs from one group session to the next, in Dutch local time, so that
 * "this week" is the same for the whole group whatever the daylight-saving time. Until the session
 * calendar exists, sessions are weekly from the group's start date (schedule.ts).
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

/** The date of the first session: the first day on or after the start date on the group's weekday. */
export function firstSessionDate(schedule: WeeklySchedule): string {
	let date = schedule.startDate;
	while (isoWeekday(date) !== schedule.weekday) date = addDays(date, 1);
	return date;
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Week `index` of the course, or null before the first or after the last session's week. */
export function checkInWeek(schedule: WeeklySchedule, index: number): CheckInWeek | null {
	if (!Number.isInteger(index) || index < 0) return null;
	const time = schedule.startTime.slice(0, 5);
	const startDate = addDays(firstSessionDate(schedule), 7 * index);
	if (schedule.endDate && startDate > schedule.endDate) return null;
	return {
		index,
		startDate,
		startsAt: localToInstant(startDate, time),
		endsAt: localToInstant(addDays(startDate, 7), time)
	};
}

/** The week `at` falls in, or null before the first session or after the last session's week. */
export function checkInWeekAt(schedule: WeeklySchedule, at: Date): CheckInWeek | null {
	const first = firstSessionDate(schedule);
	let index = Math.floor(daysBetween(first, local(at).date) / 7);
	let week = checkInWeek(schedule, index);
	// On the session's own day, the week before lasts until the session begins.
	if (week && at < week.startsAt) week = checkInWeek(schedule, --index);
	if (!week && index >= 0 && schedule.endDate) {
		const last = checkInWeek(schedule, index - 1);
		if (last && at < last.endsAt) return last;
	}
	return week;
}

/**
 * Whether a check-in for week `index` is taken at `at`. A late check-in counts for the week it was
 * meant for: from the start of that week until the end of the week after it.
 */
export function acceptsCheckIn(schedule: WeeklySchedule, index: number, at: Date): boolean {
	const week = checkInWeek(schedule, index);
	if (!week || at < week.startsAt) return false;
	const next = checkInWeek(schedule, index + 1);
	return at < (next?.endsAt ?? localToInstant(addDays(week.startDate, 14), schedule.startTime.slice(0, 5)));
}
