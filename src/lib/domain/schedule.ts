/**
 * Group meeting times. Groups meet weekly in Dutch local time; all arithmetic is on local calendar
 * dates so daylight-saving changes never shift a meeting.
 */
export const COURSE_TIME_ZONE = 'Europe/Amsterdam';

export interface WeeklySchedule {
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
	/** Local start time, "HH:MM" or "HH:MM:SS". */
	startTime: string;
	/** First possible meeting day, "YYYY-MM-DD". */
	startDate: string;
	/** Last possible meeting day, "YYYY-MM-DD", or null while the course runs on. */
	endDate: string | null;
}

export interface Meeting {
	date: string;
	time: string;
	startsAt: Date;
}

const localParts = new Intl.DateTimeFormat('en-CA', {
	timeZone: COURSE_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** The zone's offset from UTC in minutes per UTC hour; zones change offset only on whole hours here. */
const offsetByHour = new Map<number, number>();

function offsetMinutes(instant: number): number {
	const hour = Math.floor(instant / 3_600_000);
	let offset = offsetByHour.get(hour);
	if (offset === undefined) {
		const parts = Object.fromEntries(
			localParts.formatToParts(new Date(hour * 3_600_000)).map((part) => [part.type, part.value])
		);
		const seen = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
		offset = (seen - hour * 3_600_000) / 60_000;
		// Formatting is the costly part of every page that shows a meeting: remember a few years of hours.
		if (offsetByHour.size >= 50_000) offsetByHour.clear();
		offsetByHour.set(hour, offset);
	}
	return offset;
}

/** The local calendar date and time ('YYYY-MM-DD', 'HH:MM') of an instant in the course time zone. */
export function local(instant: Date): { date: string; time: string } {
	const shifted = new Date(instant.getTime() + offsetMinutes(instant.getTime()) * 60_000).toISOString();
	return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** A calendar date `days` later (or earlier), as 'YYYY-MM-DD'. */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A calendar date `months` later, on the same day of the month or the month's last day when shorter. */
export function addMonths(date: string, months: number): string {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const target = new Date(Date.UTC(year, month - 1 + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(day, lastDay));
	return target.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** The UTC instant of a local date and time in the course time zone. */
export function localToInstant(date: string, time: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const [hh, mm] = time.split(':').map(Number) as [number, number];
	const asUtc = Date.UTC(y, m - 1, d, hh, mm);
	// Correct by the zone's offset at that moment; a second pass settles days with a DST change.
	let instant = asUtc;
	for (let i = 0; i < 2; i++) {
		const seen = local(new Date(instant));
		const [sy, sm, sd] = seen.date.split('-').map(Number) as [number, number, number];
		const [sh, smin] = seen.time.split(':').map(Number) as [number, number];
		instant += asUtc - Date.UTC(sy, sm - 1, sd, sh, smin);
	}
	return new Date(instant);
}

/** The next meeting that has not started yet at `now`, or null when the course has ended. */
export function nextMeeting(schedule: WeeklySchedule, now: Date): Meeting | null {
	const today = local(now);
	const time = schedule.startTime.slice(0, 5);
	let date = today.date < schedule.startDate ? schedule.startDate : today.date;
	while (isoWeekday(date) !== schedule.weekday) date = addDays(date, 1);
	if (date === today.date && today.time >= time) date = addDays(date, 7);
	if (schedule.endDate && date > schedule.endDate) return null;
	return { date, time, startsAt: localToInstant(date, time) };
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
	const day = (date: string) => {
		const [y, m, d] = date.split('-').map(Number) as [number, number, number];
		return Date.UTC(y, m - 1, d) / 86_400_000;
	};
	return Math.round(day(to) - day(from));
}
