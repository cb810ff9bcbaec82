/**
 * Use figures (issue 20, items 6 and 7): the components counted, the small-cell rule, the weeks of
 * the trend and the "why not?" question's components and answers. Pure: no I/O.
 */

/** The components whose use is counted, in the order the pages show them. */
export const USAGE_COMPONENTS = [
	'steps_seen',
	'steps_done',
	'videos_started',
	'videos_ended',
	'check_ins',
	'goals',
	'goal_steps',
	'reminders',
	'messages',
	'help_requests',
	'home_practice',
	'board',
	'live',
	'workbook_opened',
	'workbook_pdf'
] as const;
export type UsageComponent = (typeof USAGE_COMPONENTS)[number];

/** What the browser may report: only what leaves no row of its own. */
export const REPORTED_KINDS = ['video_started', 'video_ended'] as const;
export type ReportedKind = (typeof REPORTED_KINDS)[number];

/** The weeks the figures and the trend look back over. */
export const USAGE_WEEKS = 12;

/** The fewest a coordinator sees a count for: 1 to 4 could point at one person. */
export const MIN_COUNT = 5;

/** A count as a coordinator may see it: null (too few to show) for 1 to MIN_COUNT − 1. */
export function suppressed(count: number): number | null {
	return count > 0 && count < MIN_COUNT ? null : count;
}

/** A count as the viewer may see it: trainers see their own groups' counts as they are. */
export function shownCount(count: number, suppress: boolean): number | null {
	return suppress ? suppressed(count) : count;
}

/** The Monday (UTC) of the week `at` falls in, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
	const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
	day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
	return day.toISOString().slice(0, 10);
}

/** The Mondays of the last `weeks` weeks up to and including `now`'s, oldest first. */
export function trendWeeks(now: Date, weeks = USAGE_WEEKS): string[] {
	const last = new Date(`${weekOf(now)}T00:00:00Z`);
	return Array.from({ length: weeks }, (_, index) => {
		const day = new Date(last);
		day.setUTCDate(day.getUTCDate() - 7 * (weeks - 1 - index));
		return day.toISOString().slice(0, 10);
	});
}

/** The start of the window the figures count over: the Monday `USAGE_WEEKS − 1` weeks before this one. */
export function windowStart(now: Date): Date {
	return new Date(`${trendWeeks(now)[0]}T00:00:00Z`);
}

/** The components the "why not?" question may ask about. */
export const WHY_NOT_COMPONENTS = ['check_in', 'modules'] as const;
export type WhyNotComponent = (typeof WHY_NOT_COMPONENTS)[number];

/** The answers, in the order shown; `not_now` is the "Niet nu" button (the question is not asked again). */
export const WHY_NOT_ANSWERS = [
	'cannot_find',
	'no_device',
	'not_needed',
	'too_hard',
	'rather_not_say'
] as const;
export const WHY_NOT_ALL_ANSWERS = [...WHY_NOT_ANSWERS, 'not_now'] as const;
export type WhyNotAnswer = (typeof WHY_NOT_ALL_ANSWERS)[number];

/** How long a component goes unused before the question may be asked. */
export const WHY_NOT_QUIET_DAYS = 21;

/** What the question needs to know about one participant. */
export interface WhyNotFacts {
	/** Days since they joined their group. */
	daysInGroup: number;
	hasGoal: boolean;
	/** Days since their last check-in or step opened; null when never. */
	daysSinceCheckIn: number | null;
	daysSinceStep: number | null;
	answered: readonly WhyNotComponent[];
}

const quiet = (days: number | null) => days === null || days >= WHY_NOT_QUIET_DAYS;

/**
 * The one component to ask about now, or null: a component not used for three weeks, by someone in
 * their group for at least that long, asked at most once per component (answered or "Niet nu").
 * A check-in needs a goal, so without one the check-in is not asked about.
 */
export function whyNotToAsk(facts: WhyNotFacts): WhyNotComponent | null {
	if (facts.daysInGroup < WHY_NOT_QUIET_DAYS) return null;
	if (!facts.answered.includes('check_in') && facts.hasGoal && quiet(facts.daysSinceCheckIn))
		return 'check_in';
	if (!facts.answered.includes('modules') && quiet(facts.daysSinceStep)) return 'modules';
	return null;
}
