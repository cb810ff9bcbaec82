/**
 * The per-instance cache of participants' overview pages (goals/overview.ts), apart so that every
 * command that changes what the overview shows can forget a person without importing the page's
 * queries. Other instances hear of the change from the database (NOTIFY, migration 0012).
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

/** Forget a person's cached overview in this instance, after this instance changed their data. */
export function forgetOverview(personId: string): void {
	overviewCache.delete(personId);
}
