/**
 * When a participant's weekly reminder is due: on the weekday and time they chose, in the check-in
 * week (from one session to the next, Dutch local time), never in their quiet hours.
 */
import { addDays, isoWeekday, localToInstant } from './schedule';
import type { CheckInWeek } from './week';

export interface ReminderTiming {
	/** 1 = Monday … 7 = Sunday. */
	weekday: number;
	/** "HH:MM" (seconds ignored). */
	time: string;
	quietFrom: string;
	quietUntil: string;
}

/** Whether a local time "HH:MM" falls in quiet hours; quiet hours may run past midnight. */
export function inQuietHours(time: string, quietFrom: string, quietUntil: string): boolean {
	const t = time.slice(0, 5);
	const from = quietFrom.slice(0, 5);
	const until = quietUntil.slice(0, 5);
	if (from === until) return false;
	return from < until ? t >= from && t < until : t >= from || t < until;
}

/**
 * The moment the reminder for `week` is due, or null when the chosen moment (moved out of quiet
 * hours) does not fall inside the week.
 */
export function reminderDueAt(week: CheckInWeek, timing: ReminderTiming): Date | null {
	let date = week.startDate;
	while (isoWeekday(date) !== timing.weekday) date = addDays(date, 1);
	let time = timing.time.slice(0, 5);
	if (inQuietHours(time, timing.quietFrom, timing.quietUntil)) {
		// Wait for the end of the quiet hours: the same morning, or the next when they run past midnight.
		const until = timing.quietUntil.slice(0, 5);
		if (time >= until) date = addDays(date, 1);
		time = until;
	}
	let due = localToInstant(date, time);
	// The session's own day before the session belongs to the week before: take the next one.
	if (due < week.startsAt) {
		due = localToInstant(addDays(date, 7), time);
	}
	return due < week.endsAt ? due : null;
}
