/** Formatting for display; pure, usable on server and client. */

/** "donderdag 26 november 2026" / "Thursday, 26 November 2026" for a "YYYY-MM-DD" calendar date. */
export function formatLongDate(date: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${date}T00:00:00Z`));
}

/** The name of an ISO weekday (1 = Monday … 7 = Sunday). */
export function weekdayName(weekday: number, locale: string): string {
	// 2024-01-01 was a Monday.
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
		weekday: 'long',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "10:00" from "10:00:00". */
export function shortTime(time: string): string {
	return time.slice(0, 5);
}
