import { describe, expect, it } from 'vitest';
import { participantLogDays } from './participant-lines';
import type { ParticipantLogRow } from './queries';

const row = (overrides: Partial<ParticipantLogRow>): ParticipantLogRow => ({
	day: '2026-12-01',
	firstAt: new Date('2026-12-01T09:15:00Z'),
	recordedAt: new Date('2026-12-01T09:15:00Z'),
	count: 1,
	eventType: 'group.overview.read',
	action: 'R',
	actorRole: 'trainer',
	actorName: 'Tessa Trainer',
	actorIsPeerExpert: false,
	organisationName: 'Demo GGZ',
	...overrides
});

describe('the participant’s access log in words', () => {
	it('puts each day’s lines under that day, in the order the query gave them', () => {
		const days = participantLogDays(
			[row({}), row({ count: 3, recordedAt: new Date('2026-12-01T11:40:00Z') }), row({ day: '2026-11-30' })],
			'nl'
		);
		expect(days.map((day) => [day.day, day.lines.length])).toEqual([
			['2026-12-01', 2],
			['2026-11-30', 1]
		]);
		expect(days[0]!.lines[0]).toEqual({ when: '10:15', text: expect.stringContaining('Tessa Trainer') });
		// The first and the last time that day, and how often.
		expect(days[0]!.lines[1]!.when).toBe('10:15–12:40, 3 keer');
	});

	it('names the role without a name where the organisation hides it, and “someone” without an actor', () => {
		const [day] = participantLogDays(
			[row({ actorName: null }), row({ actorRole: null, actorName: null })],
			'nl'
		);
		expect(day!.lines[0]!.text).not.toContain('Tessa');
		expect(day!.lines[0]!.text).toContain('Demo GGZ');
		expect(day!.lines[1]!.text.startsWith('Iemand')).toBe(true);
	});

	it('says what happened for events with a phrase of their own and for those without one', () => {
		const [day] = participantLogDays(
			[row({ eventType: 'login_card.use' }), row({ eventType: 'goal.create' })],
			'nl'
		);
		expect(day!.lines[0]!.text).toBe('Er is ingelogd met je inlogkaart.');
		expect(day!.lines[1]!.text).toContain('Tessa Trainer');
		expect(day!.lines[1]!.text.length).toBeGreaterThan('Tessa Trainer'.length + 10);
	});
});
