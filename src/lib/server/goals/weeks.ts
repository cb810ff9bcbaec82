/** Session dates a step can aim for: the coming check-in weeks of the group, with their dates. */
import { checkInWeek, checkInWeekAt } from '$lib/domain/week';
import type { GroupSummary } from '../groups/queries';

export function upcomingWeeks(group: GroupSummary, now: Date, count: number): string[] {
	const current = checkInWeekAt(group, now);
	const first = current ? current.index + 1 : 0;
	const weeks: string[] = [];
	for (let index = first; weeks.length < count; index++) {
		const week = checkInWeek(group, index);
		if (!week) break;
		weeks.push(week.startDate);
	}
	return weeks;
}
