import { describe, expect, it } from 'vitest';
import { dotted, formatLongDate, formatTimes, shortTime, weekdayName } from './format';

describe('format', () => {
	it('writes dates and weekdays in Dutch and English', () => {
		expect(formatLongDate('2026-11-26', 'nl')).toBe('donderdag 26 november 2026');
		expect(formatLongDate('2026-11-26', 'en')).toBe('Thursday, 26 November 2026');
		expect(weekdayName(1, 'nl')).toBe('maandag');
		expect(weekdayName(7, 'en')).toBe('Sunday');
		expect(shortTime('10:00:00')).toBe('10:00');
		expect(formatTimes('2026-11-26T08:02:00Z', '2026-11-26T13:05:30Z', 'nl')).toBe('09:02–14:05');
		expect(formatTimes('2026-11-26T13:05:00Z', '2026-11-26T13:05:59Z', 'en')).toBe('14:05');
	});

	it('puts a spaced dot between the parts of a line that are there', () => {
		expect(dotted('Wonen', 'Waarom: rust', null, false, '', 'door Sanne')).toBe(
			'Wonen · Waarom: rust · door Sanne'
		);
		expect(dotted('Wonen', undefined)).toBe('Wonen');
	});
});
