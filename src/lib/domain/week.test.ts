import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localToInstant, type WeeklySchedule } from './schedule';
import {
	acceptsCheckIn,
	checkInWeek,
	checkInWeekAt,
	firstSessionDate,
	heldSessionsOf,
	targetSessionDate,
	upcomingWeekStarts,
	weekOfDate,
	weeksWithoutCheckIn,
	type WeekSource
} from './week';

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

// The demo group's calendar around December 2026: Thursday 3 December moved to Wednesday 2 December
// 09:00, Thursday 17 December cancelled, an extra session on Monday 21 December.
const calendarGroup: WeekSource = {
	...group,
	heldSessions: heldSessionsOf([
		{ date: '2026-11-19', time: '10:00', status: 'planned' },
		{ date: '2026-11-26', time: '10:00:00', status: 'planned' },
		{ date: '2026-12-02', time: '09:00', status: 'planned', movedFrom: '2026-12-03' },
		{ date: '2026-12-10', time: '10:00', status: 'planned' },
		{ date: '2026-12-17', time: '10:00', status: 'cancelled' },
		{ date: '2026-12-21', time: '19:30', status: 'planned' },
		{ date: '2026-12-24', time: '10:00', status: 'planned' }
	])
};

describe('check-in weeks with a calendar', () => {
	it.each([
		// [moment (UTC), week start or null]
		['2026-11-19T08:59:00Z', null],
		['2026-11-19T09:00:00Z', '2026-11-19'],
		['2026-12-02T07:59:00Z', '2026-11-26'], // before the moved session
		['2026-12-02T08:00:00Z', '2026-12-02'], // Wednesday 09:00: the moved session opens the week
		['2026-12-03T09:30:00Z', '2026-12-02'], // the old Thursday is in the new week
		['2026-12-17T12:00:00Z', '2026-12-10'], // the cancelled session does not start a week
		['2026-12-21T18:29:00Z', '2026-12-10'],
		['2026-12-21T18:30:00Z', '2026-12-21'], // the extra session does
		['2026-12-31T08:59:00Z', '2026-12-24'], // a week after the last session
		['2026-12-31T09:00:00Z', null]
	])('at %s the week starts %s', (at, start) => {
		expect(checkInWeekAt(calendarGroup, new Date(at))?.startDate ?? null).toBe(start);
	});

	it('run from one held session to the next, whatever the weekday and time', () => {
		expect(checkInWeek(calendarGroup, 1)).toMatchObject({
			startDate: '2026-11-26',
			startsAt: new Date('2026-11-26T09:00:00Z'),
			endsAt: new Date('2026-12-02T08:00:00Z')
		});
		expect(checkInWeek(calendarGroup, 3)).toMatchObject({
			startDate: '2026-12-10',
			endsAt: new Date('2026-12-21T18:30:00Z')
		});
		expect(checkInWeek(calendarGroup, 6)).toBeNull();
	});

	it('find the week a stored week start belongs to, also after its session moved or was cancelled', () => {
		expect(weekOfDate(calendarGroup, '2026-12-02')?.index).toBe(2);
		expect(weekOfDate(calendarGroup, '2026-12-03')?.startDate).toBe('2026-12-02');
		expect(weekOfDate(calendarGroup, '2026-12-17')?.startDate).toBe('2026-12-10');
		expect(weekOfDate(calendarGroup, '2026-11-18')).toBeNull();
		expect(weekOfDate(calendarGroup, '2026-12-31')).toBeNull();
		expect(weekOfDate(group, '2026-09-10')?.index).toBe(1);
		expect(weekOfDate(group, '2026-09-02')).toBeNull();
	});

	// Thursday 3 December moved LATER, to Friday 4 December 10:00.
	const movedLater: WeekSource = {
		...group,
		heldSessions: heldSessionsOf([
			{ date: '2026-11-26', time: '10:00', status: 'planned' },
			{ date: '2026-12-04', time: '10:00', status: 'planned', movedFrom: '2026-12-03' },
			{ date: '2026-12-10', time: '10:00', status: 'planned' }
		])
	};

	it.each([
		// [stored date, week start or null]
		['2026-11-26', '2026-11-26'],
		['2026-12-02', '2026-11-26'],
		['2026-12-03', '2026-12-04'], // stored under the session's old date: the week of the moved session
		['2026-12-04', '2026-12-04'],
		['2026-12-10', '2026-12-10']
	])('with a session moved later, a week stored under %s starts %s', (date, start) => {
		expect(weekOfDate(movedLater, date)?.startDate ?? null).toBe(start);
	});

	it('take a late check-in until the end of the week after, by the calendar', () => {
		expect(acceptsCheckIn(calendarGroup, 1, new Date('2026-12-09T12:00:00Z'))).toBe(true);
		expect(acceptsCheckIn(calendarGroup, 1, new Date('2026-12-10T09:00:00Z'))).toBe(false);
		expect(acceptsCheckIn(calendarGroup, 5, new Date('2027-01-06T12:00:00Z'))).toBe(true);
		expect(acceptsCheckIn(calendarGroup, 5, new Date('2027-01-07T09:00:00Z'))).toBe(false);
	});

	it('offer the coming sessions as dates to aim a step at', () => {
		expect(upcomingWeekStarts(calendarGroup, new Date('2026-11-30T12:00:00Z'), 3)).toEqual([
			'2026-12-02',
			'2026-12-10',
			'2026-12-21'
		]);
		expect(upcomingWeekStarts(calendarGroup, new Date('2026-11-01T12:00:00Z'), 1)).toEqual(['2026-11-19']);
		expect(upcomingWeekStarts(calendarGroup, new Date('2027-02-01T12:00:00Z'), 3)).toEqual([]);
		expect(upcomingWeekStarts(group, new Date('2026-09-05T12:00:00Z'), 2)).toEqual([
			'2026-09-10',
			'2026-09-17'
		]);
	});

	it('name the session a step aims for as the calendar stands now', () => {
		expect(targetSessionDate(calendarGroup, '2026-12-03')).toBe('2026-12-02'); // moved
		expect(targetSessionDate(calendarGroup, '2026-12-17')).toBe('2026-12-21'); // cancelled: the next one
		expect(targetSessionDate(calendarGroup, '2026-12-10')).toBe('2026-12-10');
		expect(targetSessionDate(calendarGroup, '2027-03-04')).toBe('2027-03-04');
		expect(targetSessionDate(group, '2026-12-03')).toBe('2026-12-03');
	});

	it('count the whole weeks without a check-in by the calendar', () => {
		const at = new Date('2026-12-22T12:00:00Z'); // in the week of the extra session (index 4)
		expect(weeksWithoutCheckIn(calendarGroup, at, '2026-11-26', '2026-09-01')).toBe(2);
		expect(weeksWithoutCheckIn(calendarGroup, at, '2026-12-03', '2026-09-01')).toBe(1); // stored before the move
		expect(weeksWithoutCheckIn(calendarGroup, at, null, '2026-09-01')).toBe(4);
		expect(weeksWithoutCheckIn(calendarGroup, at, null, '2026-11-30')).toBe(2);
		expect(weeksWithoutCheckIn(calendarGroup, new Date('2027-03-01T12:00:00Z'), null, '2026-09-01')).toBe(0);
		expect(weeksWithoutCheckIn(group, new Date('2026-09-25T12:00:00Z'), '2026-09-03', '2026-09-01')).toBe(2);
	});

	it('with no held session at all, have no weeks', () => {
		const none = { ...group, heldSessions: [] };
		expect(checkInWeekAt(none, new Date('2026-12-01T12:00:00Z'))).toBeNull();
		expect(checkInWeek(none, 0)).toBeNull();
	});

	const calendars = fc
		.record({
			start: fc.integer({ min: 0, max: 365 * 3 }),
			weekday: fc.integer({ min: 0, max: 6 }),
			hour: fc.integer({ min: 0, max: 23 }),
			// Per generated week: kept, moved by some days and to another hour, cancelled; plus extras.
			changes: fc.array(
				fc.record({
					kind: fc.constantFrom('keep', 'keep', 'move', 'cancel'),
					shift: fc.integer({ min: -3, max: 3 }),
					hour: fc.integer({ min: 0, max: 23 }),
					extra: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null })
				}),
				{ minLength: 1, maxLength: 60 }
			)
		})
		.map(({ start, weekday, hour, changes }) => {
			const first = addDays('2026-01-05', start + weekday);
			const time = (h: number) => `${String(h).padStart(2, '0')}:15`;
			const byDate = new Map<string, { date: string; time: string; status: string }>();
			changes.forEach((change, week) => {
				const planned = addDays(first, 7 * week);
				const date = change.kind === 'move' ? addDays(planned, change.shift) : planned;
				if (!byDate.has(date))
					byDate.set(date, {
						date,
						time: time(change.kind === 'move' ? change.hour : hour),
						status: change.kind === 'cancel' ? 'cancelled' : 'planned'
					});
				const extra = change.extra === null ? null : addDays(planned, change.extra);
				if (extra && !byDate.has(extra))
					byDate.set(extra, { date: extra, time: time(change.hour), status: 'planned' });
			});
			return { ...group, heldSessions: heldSessionsOf([...byDate.values()]) };
		});

	it('are contiguous and never overlap: each week ends where the next begins', () => {
		fc.assert(
			fc.property(calendars, (source) => {
				const sessions = source.heldSessions;
				for (let index = 0; index < sessions.length; index++) {
					const week = checkInWeek(source, index)!;
					expect(week.startsAt.getTime()).toBeLessThan(week.endsAt.getTime());
					const next = checkInWeek(source, index + 1);
					if (next) expect(next.startsAt).toEqual(week.endsAt);
					expect(week.startDate).toBe(sessions[index]!.date);
				}
				expect(checkInWeek(source, sessions.length)).toBeNull();
			})
		);
	});

	it('put every moment in exactly one week (or none before the first and after the last)', () => {
		fc.assert(
			fc.property(
				calendars,
				fc.date({
					min: new Date('2025-12-01T00:00:00Z'),
					max: new Date('2030-12-31T00:00:00Z'),
					noInvalidDate: true
				}),
				(source, at) => {
					const containing = source.heldSessions
						.map((_, index) => checkInWeek(source, index)!)
						.filter((week) => week.startsAt <= at && at < week.endsAt);
					expect(containing.length).toBeLessThanOrEqual(1);
					expect(checkInWeekAt(source, at)).toEqual(containing[0] ?? null);
					const week = containing[0];
					if (week) {
						// A week's own start date maps back to it, and a check-in made in it is taken.
						expect(weekOfDate(source, week.startDate)).toEqual(week);
						expect(acceptsCheckIn(source, week.index, at)).toBe(true);
					} else if (source.heldSessions.length > 0) {
						const first = checkInWeek(source, 0)!;
						const last = checkInWeek(source, source.heldSessions.length - 1)!;
						expect(at < first.startsAt || at >= last.endsAt).toBe(true);
					}
				}
			)
		);
	});

	it('count weeks without a check-in as a walk back from this week would', () => {
		fc.assert(
			fc.property(
				fc.oneof(calendars, fc.constant({ ...group, heldSessions: null })),
				fc.integer({ min: 0, max: 400 }),
				fc.option(fc.integer({ min: -10, max: 400 }), { nil: null }),
				fc.integer({ min: -30, max: 400 }),
				(source, day, lastDay, joinedDay) => {
					const base = source.heldSessions?.[0]?.date ?? '2026-09-03';
					const at = localToInstant(addDays(base, day), '12:00');
					const last = lastDay === null ? null : addDays(base, lastDay);
					const joined = addDays(base, joinedDay);
					const week = checkInWeekAt(source, at);
					let expected = 0;
					if (week) {
						const lastIndex =
							last === null
								? -1
								: (weekOfDate(source, last)?.index ?? (last < week.startDate ? -1 : week.index));
						for (let index = week.index - 1; index > lastIndex; index--) {
							if (checkInWeek(source, index)!.startDate < joined) break;
							expected++;
						}
					}
					expect(weeksWithoutCheckIn(source, at, last, joined)).toBe(expected);
				}
			)
		);
	});

	it('map every date in a week (by local date) to that week', () => {
		fc.assert(
			fc.property(calendars, fc.integer({ min: 0, max: 500 }), (source, offset) => {
				const date = addDays(source.heldSessions[0]?.date ?? '2026-06-01', offset - 3);
				const week = weekOfDate(source, date);
				if (!week) return;
				expect(week.startDate <= date).toBe(true);
				const next = checkInWeek(source, week.index + 1);
				if (next) expect(date < next.startDate).toBe(true);
			})
		);
	});
});
