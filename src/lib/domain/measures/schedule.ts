/**
 * When a group's measures are due. A group measures at moments counted in months from its start date
 * (default 0, 6 and 12: baseline, halfway, end). A moment is open from a week before its date until a
 * week before the next moment's date; the last one stays open for 13 weeks. Pure.
 */
import { addDays, addMonths } from '../schedule';

export const DEFAULT_MOMENTS = [0, 6, 12] as const;
export const MAX_MOMENTS = 6;
export const MAX_MOMENT = 60;
/** How long before its date a moment opens, and how long the last one stays open. */
export const OPENS_DAYS_BEFORE = 7;
export const LAST_OPEN_DAYS = 91;

export interface Moment {
	/** Months after the group's start. */
	moment: number;
	/** The moment's date. */
	date: string;
	opens: string;
	/** The last day it is open. */
	closes: string;
}

/** Every moment of a group with its dates. */
export function momentsOf(startDate: string, moments: readonly number[]): Moment[] {
	const sorted = [...new Set(moments)].sort((a, b) => a - b);
	return sorted.map((moment, index) => {
		const date = addMonths(startDate, moment);
		const next = sorted[index + 1];
		const closes =
			next === undefined
				? addDays(date, LAST_OPEN_DAYS)
				: addDays(addMonths(startDate, next), -OPENS_DAYS_BEFORE - 1);
		return { moment, date, opens: addDays(date, -OPENS_DAYS_BEFORE), closes };
	});
}

/** The moment open on `today` ('YYYY-MM-DD'), or null. */
export function openMoment(startDate: string, moments: readonly number[], today: string): Moment | null {
	return (
		momentsOf(startDate, moments).find((moment) => moment.opens <= today && today <= moment.closes) ?? null
	);
}

export type MomentsProblem = 'measure_moments_invalid' | 'measure_moments_count';

/** Moments typed as "0, 6, 12": whole months 0–60, one to six of them, sorted; or what is wrong. */
export function parseMoments(
	text: string
): { ok: true; moments: number[] } | { ok: false; problem: MomentsProblem } {
	const parts = text
		.split(/[\s,;]+/)
		.map((part) => part.trim())
		.filter(Boolean);
	if (parts.some((part) => !/^\d{1,2}$/.test(part) || Number(part) > MAX_MOMENT))
		return { ok: false, problem: 'measure_moments_invalid' };
	const moments = [...new Set(parts.map(Number))].sort((a, b) => a - b);
	if (moments.length === 0 || moments.length > MAX_MOMENTS)
		return { ok: false, problem: 'measure_moments_count' };
	return { ok: true, moments };
}
