/**
 * The per-instance cache of participants' overview pages (goals/overview.ts), apart so that every
 * command that changes what the overview shows can forget a person without importing the page's
 * queries. Every instance hears of a change from the database: triggers on the participant's goals,
 * check-ins, progress, messages, intake, home practice answers and tour notify `person:<id>` on the
 * channel herstelpad_cache (drops that person); a change to groups, people or organisations clears
 * it whole. The table of triggers is in auth/session-cache.ts.
 */
import type { ChartPoint } from '$lib/domain/goals';
import { PersonCache } from '../auth/session-cache';

export interface Overview {
	goal: string | null;
	step: string | null;
	/** 'open': a check-in waits; 'done': this week's is in; 'none': no course week now. */
	checkIn: 'open' | 'done' | 'none';
	module: { number: number; title: string; next: { key: string; title: string } | null } | null;
	chart: ChartPoint[];
	/** Messages from trainers not yet read. */
	unread: number;
	/** Offer the starter lessons (after an intake that suggests guidance, until they are done). */
	starterLessons: boolean;
	/** The newest home practice: to do, done, or done with the trainer's feedback; null when there is none. */
	practice: 'open' | 'done' | 'feedback' | null;
	/** Whether the participant has seen (or skipped) the first-use tour. */
	tourSeen: boolean;
}

export const overviewCache = new PersonCache<Partial<Record<'nl' | 'en', Overview>>>();

/**
 * Forget a person's cached overview in this instance, after this instance committed a change to
 * their data (so its own next page does not wait for the notification). Never before the commit.
 */
export function forgetOverview(personId: string): void {
	overviewCache.delete(personId);
}

/** Waits for a change to a person's data to commit, then forgets their overview in this instance. */
export async function forgetOverviewAfter<T>(personId: string, committed: Promise<T>): Promise<T> {
	const result = await committed;
	forgetOverview(personId);
	return result;
}
