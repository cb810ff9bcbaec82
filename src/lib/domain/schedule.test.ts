import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localToInstant, nextMeeting, type WeeklySchedule } from './schedule';

const thursdayMorning: WeeklySchedule = {
	weekday: 4,
	startTime: '10:00:00',
	startDate: '2026-09-03',
	endDate: null
};

describe('nextMeeting', () => {
	it('is the first meeting day when the course has not started', () => {
		expect(nextMeeting(thursdayMorning, new Date('2026-08-01T12:00:00Z'))).toMatchObject({
			date: '2026-09-03',
			time: '10:00'
		});
	});

	it('is today while today’s meeting has not begun, next week once it has', () => {
		// Thursday 2026-11-26, 09:59 and 10:00 in Amsterdam (UTC+1).
		expect(nextMeeting(thursdayMorning, new Date('2026-11-26T08:59:00Z'))?.date).toBe('2026-11-26');
		expect(nextMeeting(thursdayMorning, new Date('2026-11-26T09:00:00Z'))?.date).toBe('2026-12-03');
	});

	it('keeps the local time across the change to summer time', () => {
		const sunday = { ...thursdayMorning, weekday: 7 };
		const meeting = nextMeeting(sunday, new Date('2027-03-27T12:00:00Z'));
		expect(meeting?.date).toBe('2027-03-28');
		expect(meeting?.startsAt.toISOString()).toBe('2027-03-28T08:00:00.000Z');
	});

	it('keeps the local time across the change to winter time', () => {
		const sunday = { ...thursdayMorning, weekday: 7 };
		const meeting = nextMeeting(sunday, new Date('2026-10-24T12:00:00Z'));
		expect(meeting?.date).toBe('2026-10-25');
		expect(meeting?.startsAt.toISOString()).toBe('2026-10-25T09:00:00.000Z');
	});

	it('is null after the course has ended', () => {
		expect(
			nextMeeting({ ...thursdayMorning, endDate: '2026-11-19' }, new Date('2026-11-20T12:00:00Z'))
		).toBeNull();
	});

	it('always falls on the group’s weekday, within a week, never in the past', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 7 }),
				fc.integer({ min: 0, max: 23 }),
				fc.date({ min: new Date('2025-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
				(weekday, hour, now) => {
					const schedule = {
						weekday,
						startTime: `${String(hour).padStart(2, '0')}:30`,
						startDate: '2025-01-01',
						endDate: null
					};
					const meeting = nextMeeting(schedule, now);
					expect(meeting).not.toBeNull();
					if (!meeting) return;
					expect(meeting.startsAt.getTime()).toBeGreaterThan(now.getTime() - 1);
					expect(meeting.startsAt.getTime() - now.getTime()).toBeLessThanOrEqual(
						7 * 24 * 3600 * 1000 + 3600 * 1000
					);
					expect(new Date(`${meeting.date}T00:00:00Z`).getUTCDay() || 7).toBe(weekday);
				}
			)
		);
	});
});

describe('localToInstant', () => {
	it('converts winter and summer local times', () => {
		expect(localToInstant('2026-01-15', '10:00').toISOString()).toBe('2026-01-15T09:00:00.000Z');
		expect(localToInstant('2026-07-15', '10:00').toISOString()).toBe('2026-07-15T08:00:00.000Z');
	});
});
