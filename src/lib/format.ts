/** Formatting for display; pure, usable on server and client. */

type Kind = 'long' | 'short' | 'weekday' | 'moment' | 'time';

const optionsOf: Record<Kind, Intl.DateTimeFormatOptions> = {
	long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
	short: { day: 'numeric', month: 'short', timeZone: 'UTC' },
	weekday: { weekday: 'long', timeZone: 'UTC' },
	moment: {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Europe/Amsterdam'
	},
	time: { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }
};

// Building an Intl formatter is costly (this runs on every page): keep one per language and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, kind: Kind): Intl.DateTimeFormat {
	const key = `${locale}:${kind}`;
	let found = formatters.get(key);
	if (!found) {
		found = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', optionsOf[kind]);
		formatters.set(key, found);
	}
	return found;
}

/** "donderdag 26 november 2026" / "Thursday, 26 November 2026" for a "YYYY-MM-DD" calendar date. */
export function formatLongDate(date: string, locale: string): string {
	const key = `${locale}:${date}`;
	let text = longDates.get(key);
	if (text === undefined) {
		text = formatter(locale, 'long').format(new Date(`${date}T00:00:00Z`));
		// Few distinct dates appear (meetings, steps): a small bounded memory is enough.
		if (longDates.size >= 5_000) longDates.clear();
		longDates.set(key, text);
	}
	return text;
}
const longDates = new Map<string, string>();

/** "26 nov." / "26 Nov" for a "YYYY-MM-DD" calendar date (charts, tables). */
export function formatShortDate(date: string, locale: string): string {
	return formatter(locale, 'short').format(new Date(`${date}T00:00:00Z`));
}

/** The name of an ISO weekday (1 = Monday … 7 = Sunday). */
export function weekdayName(weekday: number, locale: string): string {
	// 2024-01-01 was a Monday.
	return formatter(locale, 'weekday').format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "10:00" from "10:00:00". */
export function shortTime(time: string): string {
	return time.slice(0, 5);
}

/** "23 november 2026 om 14:05" / "23 November 2026 at 14:05" in Dutch time, e.g. for an access-log row. */
export function formatMoment(moment: Date | string, locale: string): string {
	return formatter(locale, 'moment').format(new Date(moment));
}

/** "14:05", or "09:02–14:05" for a span, in Dutch time. */
export function formatTimes(first: Date | string, last: Date | string, locale: string): string {
	const [from, to] = [first, last].map((moment) => formatter(locale, 'time').format(new Date(moment)));
	return from === to ? to! : `${from}–${to}`;
}

/** The parts of one line of facts that are there, with " · " between them ("Wonen · Waarom: …"). */
export function dotted(...parts: (string | null | undefined | false)[]): string {
	return parts.filter((part): part is string => Boolean(part)).join(' · ');
}
