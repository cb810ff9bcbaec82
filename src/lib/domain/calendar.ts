/**
 * The course calendar: weekly sessions for about a year from a group's start date, in Dutch local
 * time. Dutch public holidays and the organisation's own days off become cancelled sessions (the
 * calendar shows why there is no meeting), never silently dropped weeks.
 */
import { addDays, isoWeekday } from './schedule';

/** About a year of weekly sessions. */
export const CALENDAR_WEEKS = 52;

export const HOLIDAYS = [
	'new_year',
	'easter_monday',
	'kings_day',
	'liberation_day',
	'ascension_day',
	'whit_monday',
	'christmas_day',
	'boxing_day'
] as const;
export type Holiday = (typeof HOLIDAYS)[number];

/** Easter Sunday (Gregorian calendar; the anonymous algorithm), as 'YYYY-MM-DD'. */
export function easterSunday(year: number): string {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Dutch public holidays of a year, by date. King's Day moves to the 26th when the 27th is a Sunday. */
export function dutchHolidays(year: number): Map<string, Holiday> {
	const easter = easterSunday(year);
	const kingsDay = isoWeekday(`${year}-04-27`) === 7 ? `${year}-04-26` : `${year}-04-27`;
	return new Map<string, Holiday>([
		[`${year}-01-01`, 'new_year'],
		[addDays(easter, 1), 'easter_monday'],
		[kingsDay, 'kings_day'],
		[`${year}-05-05`, 'liberation_day'],
		[addDays(easter, 39), 'ascension_day'],
		[addDays(easter, 50), 'whit_monday'],
		[`${year}-12-25`, 'christmas_day'],
		[`${year}-12-26`, 'boxing_day']
	]);
}

/** Days off the organisation chose, from first to last (inclusive). */
export interface DayRange {
	from: string;
	to: string;
}

export type DaysOffResult =
	{ ok: true; ranges: DayRange[] } | { ok: false; line: number; reason: 'date_invalid' | 'range_reversed' };

const MAX_DAYS_OFF_LINES = 60;

function realDate(value: string): boolean {
	if (!/^20\d{2}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/**
 * Parses the "other days off" box: one day or one range per line, e.g. `2026-12-24` or
 * `2026-12-21 t/m 2027-01-01` (also `-`, `–`, `to`, `tot en met`). Empty lines are skipped; the
 * first bad line is named so the form can say which.
 */
export function parseDaysOff(text: string): DaysOffResult {
	const ranges: DayRange[] = [];
	const lines = text.split(/\r?\n/);
	if (lines.length > MAX_DAYS_OFF_LINES)
		return { ok: false, line: MAX_DAYS_OFF_LINES + 1, reason: 'date_invalid' };
	for (const [index, raw] of lines.entries()) {
		const line = raw.trim();
		if (line === '') continue;
		const match = /^(\S+)(?:\s+(?:t\/m|tot en met|to|–|-)\s+(\S+))?$/i.exec(line);
		const from = match?.[1];
		const to = match?.[2] ?? from;
		if (!from || !to || !realDate(from) || !realDate(to))
			return { ok: false, line: index + 1, reason: 'date_invalid' };
		if (to < from) return { ok: false, line: index + 1, reason: 'range_reversed' };
		ranges.push({ from, to });
	}
	return { ok: true, ranges };
}

export interface PlannedSession {
	date: string;
	/** 'HH:MM' */
	time: string;
	status: 'planned' | 'cancelled';
	holiday: boolean;
	/** A holiday key (see HOLIDAYS) or 'day_off' for the organisation's own days off. */
	cancelReason: Holiday | 'day_off' | null;
}

export interface CalendarRules {
	weekday: number;
	startTime: string;
	startDate: string;
	endDate: string | null;
	skipPublicHolidays: boolean;
	daysOff: DayRange[];
}

/** The weekly sessions from the first meeting day on or after the start date, for a year or until the end date. */
export function generateCalendar(rules: CalendarRules): PlannedSession[] {
	let date = rules.startDate;
	while (isoWeekday(date) !== rules.weekday) date = addDays(date, 1);
	const time = rules.startTime.slice(0, 5);
	const holidays = new Map<number, Map<string, Holiday>>();
	const sessions: PlannedSession[] = [];
	for (let week = 0; week < CALENDAR_WEEKS; week++, date = addDays(date, 7)) {
		if (rules.endDate && date > rules.endDate) break;
		const year = Number(date.slice(0, 4));
		if (!holidays.has(year)) holidays.set(year, dutchHolidays(year));
		const holiday = rules.skipPublicHolidays ? holidays.get(year)!.get(date) : undefined;
		const dayOff = rules.daysOff.some((range) => range.from <= date && date <= range.to);
		sessions.push({
			date,
			time,
			status: holiday || dayOff ? 'cancelled' : 'planned',
			holiday: holiday !== undefined,
			cancelReason: holiday ?? (dayOff ? 'day_off' : null)
		});
	}
	return sessions;
}

export interface CalendarSession {
	id: string;
	date: string;
	time: string;
	status: 'planned' | 'cancelled';
	holiday: boolean;
	cancelReason: string | null;
	movedFrom: string | null;
	added: boolean;
	moduleNumber: number | null;
	topic: string;
	hasPractice: boolean;
}

export interface UpcomingSession {
	date: string;
	time: string;
	status: 'planned' | 'cancelled';
}

/** The next session that has not started at `now` (sessions sorted by date), or null. */
export function nextPlanned<Session extends { date: string; time: string; status: string }>(
	sessions: Session[],
	today: { date: string; time: string }
): Session | null {
	return (
		sessions.find(
			(session) =>
				session.status === 'planned' &&
				(session.date > today.date || (session.date === today.date && session.time.slice(0, 5) > today.time))
		) ?? null
	);
}
