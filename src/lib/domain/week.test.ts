import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WeeklySchedule } from './schedule';
import { acceptsCheckIn, checkInWeek, checkInWeekAt, firstSessionDate } from './week';

// Thursday 10:00 in Amsterdam from Thursday 3 September 2026 (the demo group).
const group: WeeklySchedule = { weekday: 4, startTime: '10:00:00', startDate: '2026-09-03', endDate: null };

describe('check-in weeks', () => {
	it('start with the first session on the group’s weekday', () => {
		expect(firstSessionDate({ ...group, startDate: '2026-09-01' })).toBe('2026-09-03');
		expect(checkInWeek(group, 0)).toMatchObject({
			startDate: '2026-09-03',
			startsAt: new Date('2026-09-03T08:00:00Z'),
			endsAt: new Date('2026-09-10T08:00:00Z')
		});
	});

	it('run from one session to the next, also on the session day itself', () => {
		expect(checkInWeekAt(group, new Date('2026-09-03T07:59:00Z'))).toBeNull();
		expect(checkInWeekAt(group, new Date('2026-09-03T08:00:00Z'))?.index).toBe(0);
		expect(checkInWeekAt(group, new Date('2026-09-10T07:59:00Z'))?.index).toBe(0);
		expect(checkInWeekAt(group, new Date('2026-09-10T08:00:00Z'))?.index).toBe(1);
	});

	it('keep the local session time across the change to winter time (25 October 2026)', () => {
		const week = checkInWeekAt(group, new Date('2026-10-25T12:00:00Z'));
		expect(week?.startsAt.toISOString()).toBe('2026-10-22T08:00:00.000Z'); // 10:00 summer time
		expect(week?.endsAt.toISOString()).toBe('2026-10-29T09:00:00.000Z'); // 10:00 winter time
	});

	it('keep the local session time across the change to summer time (28 March 2027)', () => {
		const week = checkInWeekAt(group, new Date('2027-03-28T12:00:00Z'));
		expect(week?.startsAt.toISOString()).toBe('2027-03-25T09:00:00.000Z');
		expect(week?.endsAt.toISOString()).toBe('2027-04-01T08:00:00.000Z');
	});

	it('end with the week of the last session', () => {
		const ending = { ...group, endDate: '2026-09-17' };
		expect(checkInWeek(ending, 2)?.startDate).toBe('2026-09-17');
		expect(checkInWeek(ending, 3)).toBeNull();
		expect(checkInWeekAt(ending, new Date('2026-09-20T12:00:00Z'))?.index).toBe(2);
		expect(checkInWeekAt(ending, new Date('2026-09-24T12:00:00Z'))).toBeNull();
	});

	it('take a late check-in for the week it was meant for, until the end of the next week', () => {
		expect(acceptsCheckIn(group, 1, new Date('2026-09-10T07:00:00Z'))).toBe(false);
		expect(acceptsCheckIn(group, 1, new Date('2026-09-12T12:00:00Z'))).toBe(true);
		expect(acceptsCheckIn(group, 1, new Date('2026-09-20T12:00:00Z'))).toBe(true);
		expect(acceptsCheckIn(group, 1, new Date('2026-09-24T08:00:00Z'))).toBe(false);
		expect(acceptsCheckIn(group, -1, new Date('2026-09-12T12:00:00Z'))).toBe(false);
	});

	it('cover time without gaps or overlaps: every moment after the start is in exactly one week', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 7 }),
				fc.integer({ min: 0, max: 23 }),
				fc.date({
					min: new Date('2026-09-01T00:00:00Z'),
					max: new Date('2029-12-31T00:00:00Z'),
					noInvalidDate: true
				}),
				(weekday, hour, at) => {
					const schedule = {
						weekday,
						startTime: `${String(hour).padStart(2, '0')}:30`,
						startDate: '2026-09-01',
						endDate: null
					};
					const week = checkInWeekAt(schedule, at);
					if (!week) {
						expect(at.getTime()).toBeLessThan(checkInWeek(schedule, 0)!.startsAt.getTime());
						return;
					}
					expect(week.startsAt.getTime()).toBeLessThanOrEqual(at.getTime());
					expect(at.getTime()).toBeLessThan(week.endsAt.getTime());
					expect(checkInWeek(schedule, week.index + 1)?.startsAt).toEqual(week.endsAt);
					const length = (week.endsAt.getTime() - week.startsAt.getTime()) / 3_600_000;
					expect([167, 168, 169]).toContain(length);
				}
			)
		);
	});
});
