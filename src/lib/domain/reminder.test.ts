import { describe, expect, it } from 'vitest';
import { inQuietHours, reminderDueAt } from './reminder';
import { checkInWeek } from './week';

// Meets on Tuesdays at 14:00 from 1 September 2026, Amsterdam time.
const group = { weekday: 2, startTime: '14:00', startDate: '2026-09-01', endDate: null };

describe('reminder timing', () => {
	it('knows quiet hours, also past midnight', () => {
		expect(inQuietHours('23:00', '22:00', '08:00')).toBe(true);
		expect(inQuietHours('07:59', '22:00', '08:00')).toBe(true);
		expect(inQuietHours('08:00', '22:00', '08:00')).toBe(false);
		expect(inQuietHours('13:00', '12:00', '14:00')).toBe(true);
		expect(inQuietHours('13:00', '10:00', '10:00')).toBe(false);
	});

	it('is due on the chosen day and time inside the week, in Dutch time across the DST change', () => {
		const week = checkInWeek(group, 8)!; // from Tuesday 27 October 2026, after the clocks went back
		const due = reminderDueAt(week, { weekday: 1, time: '10:00', quietFrom: '22:00', quietUntil: '08:00' });
		expect(due?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
		const summer = checkInWeek(group, 3)!; // from 22 September: summer time
		expect(
			reminderDueAt(summer, {
				weekday: 5,
				time: '18:30',
				quietFrom: '22:00',
				quietUntil: '08:00'
			})?.toISOString()
		).toBe('2026-09-25T16:30:00.000Z');
	});

	it('waits for the end of quiet hours, and on the session day before the session takes the morning of the next one', () => {
		const week = checkInWeek(group, 12)!; // from Tuesday 24 November
		// 23:30 on Wednesday is quiet: Thursday 08:00 instead.
		expect(
			reminderDueAt(week, {
				weekday: 3,
				time: '23:30',
				quietFrom: '22:00',
				quietUntil: '08:00'
			})?.toISOString()
		).toBe('2026-11-26T07:00:00.000Z');
		// Tuesday 09:00 is before that day's session: the morning of the next session, still this week.
		expect(
			reminderDueAt(week, {
				weekday: 2,
				time: '09:00',
				quietFrom: '22:00',
				quietUntil: '08:00'
			})?.toISOString()
		).toBe('2026-12-01T08:00:00.000Z');
		// Tuesday 16:00, after the session: that same day.
		expect(
			reminderDueAt(week, {
				weekday: 2,
				time: '16:00',
				quietFrom: '22:00',
				quietUntil: '08:00'
			})?.toISOString()
		).toBe('2026-11-24T15:00:00.000Z');
	});
});
