import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dutchHolidays, easterSunday, generateCalendar, nextPlanned, parseDaysOff } from './calendar';
import { addDays, isoWeekday, localToInstant } from './schedule';

const rules = {
	weekday: 4,
	startTime: '10:00:00',
	startDate: '2026-09-01',
	endDate: null,
	skipPublicHolidays: true,
	daysOff: []
};

describe('easterSunday', () => {
	it.each([
		[2024, '2024-03-31'],
		[2025, '2025-04-20'],
		[2026, '2026-04-05'],
		[2027, '2027-03-28'],
		[2038, '2038-04-25']
	])('%i', (year, date) => expect(easterSunday(year)).toBe(date));

	it('is always a Sunday between 22 March and 25 April', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
				const easter = easterSunday(year);
				expect(isoWeekday(easter)).toBe(7);
				expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
			})
		);
	});
});

describe('dutchHolidays', () => {
	it('knows Ascension Day and Whit Monday 2027, and moves King’s Day off a Sunday', () => {
		const days = dutchHolidays(2027);
		expect(days.get('2027-05-06')).toBe('ascension_day');
		expect(days.get('2027-05-17')).toBe('whit_monday');
		expect(days.get('2027-04-27')).toBe('kings_day');
		expect(dutchHolidays(2025).get('2025-04-26')).toBe('kings_day');
	});
});

describe('generateCalendar', () => {
	it('makes 52 weekly sessions on the group’s weekday from the first one on or after the start date', () => {
		const sessions = generateCalendar(rules);
		expect(sessions).toHaveLength(52);
		expect(sessions[0]!.date).toBe('2026-09-03');
		expect(sessions.every((session) => isoWeekday(session.date) === 4 && session.time === '10:00')).toBe(
			true
		);
		expect(sessions.at(-1)!.date).toBe(addDays('2026-09-03', 51 * 7));
	});

	it('keeps the local time across the daylight-saving changes', () => {
		const sessions = generateCalendar(rules);
		const before = sessions.find((session) => session.date === '2026-10-22')!;
		const after = sessions.find((session) => session.date === '2026-10-29')!;
		// 10:00 in Amsterdam is 08:00 UTC in summer time and 09:00 UTC in winter time.
		expect(localToInstant(before.date, before.time).toISOString()).toBe('2026-10-22T08:00:00.000Z');
		expect(localToInstant(after.date, after.time).toISOString()).toBe('2026-10-29T09:00:00.000Z');
	});

	it('cancels sessions on public holidays and days off, and keeps them in the calendar', () => {
		const sessions = generateCalendar({
			...rules,
			daysOff: [{ from: '2026-12-21', to: '2027-01-03' }]
		});
		const ascension = sessions.find((session) => session.date === '2027-05-06')!;
		expect(ascension).toMatchObject({ status: 'cancelled', holiday: true, cancelReason: 'ascension_day' });
		const christmas = sessions.find((session) => session.date === '2026-12-24')!;
		expect(christmas).toMatchObject({ status: 'cancelled', holiday: false, cancelReason: 'day_off' });
		expect(sessions.find((session) => session.date === '2026-12-31')!.status).toBe('cancelled');
		expect(sessions.find((session) => session.date === '2027-01-07')!.status).toBe('planned');
	});

	it('plans holidays like any other day when asked to', () => {
		const sessions = generateCalendar({ ...rules, skipPublicHolidays: false });
		expect(sessions.every((session) => session.status === 'planned')).toBe(true);
	});

	it('stops at the end date', () => {
		const sessions = generateCalendar({ ...rules, endDate: '2026-10-01' });
		expect(sessions.map((session) => session.date)).toEqual([
			'2026-09-03',
			'2026-09-10',
			'2026-09-17',
			'2026-09-24',
			'2026-10-01'
		]);
	});

	it('always yields ascending dates on the weekday, one week apart, for any start', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 7 }),
				fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
				(weekday, start) => {
					const sessions = generateCalendar({
						...rules,
						weekday,
						startDate: start.toISOString().slice(0, 10)
					});
					expect(sessions).toHaveLength(52);
					for (const [index, session] of sessions.entries()) {
						expect(isoWeekday(session.date)).toBe(weekday);
						if (index > 0) expect(session.date).toBe(addDays(sessions[index - 1]!.date, 7));
					}
				}
			),
			{ numRuns: 50 }
		);
	});
});

describe('parseDaysOff', () => {
	it('reads days and ranges, one per line', () => {
		expect(parseDaysOff('2026-12-24\n\n2026-12-28 t/m 2027-01-01\r\n2027-02-15 - 2027-02-19')).toEqual({
			ok: true,
			ranges: [
				{ from: '2026-12-24', to: '2026-12-24' },
				{ from: '2026-12-28', to: '2027-01-01' },
				{ from: '2027-02-15', to: '2027-02-19' }
			]
		});
	});

	it('names the first bad line', () => {
		expect(parseDaysOff('2026-12-24\n2026-02-30')).toEqual({ ok: false, line: 2, reason: 'date_invalid' });
		expect(parseDaysOff('kerst')).toEqual({ ok: false, line: 1, reason: 'date_invalid' });
		expect(parseDaysOff('2027-01-02 t/m 2026-12-28')).toEqual({
			ok: false,
			line: 1,
			reason: 'range_reversed'
		});
	});

	it('never throws, and every range it accepts runs forward', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const result = parseDaysOff(text);
				if (result.ok) for (const range of result.ranges) expect(range.from <= range.to).toBe(true);
			})
		);
	});
});

describe('nextPlanned', () => {
	const sessions = [
		{ date: '2026-12-03', time: '10:00', status: 'planned' },
		{ date: '2026-12-10', time: '10:00', status: 'cancelled' },
		{ date: '2026-12-17', time: '10:00', status: 'planned' }
	];

	it('skips cancelled sessions and the one that has started', () => {
		expect(nextPlanned(sessions, { date: '2026-12-03', time: '09:59' })?.date).toBe('2026-12-03');
		expect(nextPlanned(sessions, { date: '2026-12-03', time: '10:00' })?.date).toBe('2026-12-17');
		expect(nextPlanned(sessions, { date: '2026-12-17', time: '11:00' })).toBeNull();
	});
});
