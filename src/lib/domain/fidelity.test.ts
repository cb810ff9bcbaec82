import { describe, expect, it } from 'vitest';
import {
	FIDELITY_ITEMS,
	defaultPeriod,
	fidelityBand,
	fidelityTotal,
	groupSizeScore,
	isFidelityItem,
	isFidelityScore,
	needsAttention,
	proposeScores,
	type FidelityEvidence,
	type FidelityItem,
	type FidelityScore
} from './fidelity';

/** A group of 8 with a year's calendar and nothing else: each test changes what it is about. */
const evidence = (over: Partial<FidelityEvidence> = {}): FidelityEvidence => ({
	activeMembers: 8,
	membersWithGoal: 0,
	membersWithSignificantOther: 0,
	calendar: { planned: 45, cancelled: 5, weeks: 50 },
	heldSessions: 10,
	checkIns: 0,
	modules: { covered: 0, total: 11 },
	homePractice: { given: 0, answers: 0 },
	...over
});

const proposed = (item: FidelityItem, over: Partial<FidelityEvidence>) => proposeScores(evidence(over))[item];

describe('the items', () => {
	it('are the 13 of the scale, in order, each known by its id', () => {
		expect(FIDELITY_ITEMS).toHaveLength(13);
		for (const item of FIDELITY_ITEMS) expect(isFidelityItem(item)).toBe(true);
		expect(isFidelityItem('something_else')).toBe(false);
		expect(FIDELITY_ITEMS[0]).toBe('group_size');
		expect(FIDELITY_ITEMS[12]).toBe('medication_tailoring');
	});

	it('take scores 1 to 5 only', () => {
		const table: [number, boolean][] = [
			[0, false],
			[1, true],
			[3, true],
			[5, true],
			[6, false],
			[2.5, false],
			[Number.NaN, false]
		];
		for (const [value, valid] of table) expect(isFidelityScore(value), String(value)).toBe(valid);
	});
});

describe('the total and its band', () => {
	it('is the mean of the scored items, one decimal; open items do not count', () => {
		const table: [(FidelityScore | null)[], { mean: number; scored: number } | null][] = [
			[[], null],
			[[null, null], null],
			[[4], { mean: 4, scored: 1 }],
			[[5, 4, null, 3], { mean: 4, scored: 3 }],
			[[5, 4, 4], { mean: 4.3, scored: 3 }],
			[[1, 2], { mean: 1.5, scored: 2 }],
			[[3, 3, 4], { mean: 3.3, scored: 3 }]
		];
		for (const [scores, total] of table) expect(fidelityTotal(scores), JSON.stringify(scores)).toEqual(total);
	});

	it('is high from 4, moderate from 3 up to 4, low under 3', () => {
		const table: [number, string][] = [
			[5, 'high'],
			[4, 'high'],
			[3.9, 'moderate'],
			[3, 'moderate'],
			[2.9, 'low'],
			[1, 'low']
		];
		for (const [mean, band] of table) expect(fidelityBand(mean), String(mean)).toBe(band);
	});

	it('flags an item under 3 only', () => {
		const table: [FidelityScore | null | undefined, boolean][] = [
			[1, true],
			[2, true],
			[3, false],
			[5, false],
			[null, false],
			[undefined, false]
		];
		for (const [score, flagged] of table) expect(needsAttention(score), String(score)).toBe(flagged);
	});
});

describe('proposals', () => {
	it('are made for the items Herstelpad holds evidence for, and no others', () => {
		expect(Object.keys(proposeScores(evidence())).sort()).toEqual(
			[
				'group_size',
				'programme_length',
				'curriculum',
				'significant_others',
				'goal_setting',
				'goal_follow_up',
				'cognitive_behavioural',
				'coping_skills'
			].sort()
		);
	});

	it('score group size: 5–10 best, then down on both sides', () => {
		const table: [number, FidelityScore][] = [
			[1, 1],
			[2, 2],
			[3, 3],
			[4, 4],
			[5, 5],
			[10, 5],
			[11, 4],
			[12, 4],
			[13, 3],
			[14, 3],
			[15, 2],
			[16, 2],
			[17, 1],
			[30, 1]
		];
		for (const [members, score] of table) expect(groupSizeScore(members), String(members)).toBe(score);
		expect(proposed('group_size', { activeMembers: 7 })).toEqual({
			score: 5,
			reason: { kind: 'group_size', members: 7 }
		});
		expect(proposed('group_size', { activeMembers: 0 })).toEqual({
			score: null,
			reason: { kind: 'no_members' }
		});
	});

	it('score programme length from planned sessions, one lower for a broken weekly rhythm', () => {
		const table: [planned: number, weeks: number, score: FidelityScore, lowered: boolean][] = [
			[45, 50, 5, false],
			[40, 52, 5, false], // 77% of the weeks: weekly enough
			[40, 54, 4, true], // 74%: one lower
			[39, 40, 4, false],
			[30, 30, 4, false],
			[29, 30, 3, false],
			[20, 20, 3, false],
			[19, 19, 2, false],
			[10, 10, 2, false],
			[9, 9, 1, false],
			[9, 40, 1, false], // already 1: never lower
			[20, 40, 2, true]
		];
		for (const [planned, weeks, score, lowered] of table)
			expect(
				proposed('programme_length', { calendar: { planned, cancelled: 2, weeks } }),
				`${planned}/${weeks}`
			).toEqual({
				score,
				reason: {
					kind: 'programme_length',
					planned,
					cancelled: 2,
					weeklyPercent: Math.round(Math.min(1, planned / weeks) * 100),
					rhythmLowered: lowered
				}
			});
		expect(proposed('programme_length', { calendar: { planned: 0, cancelled: 3, weeks: 0 } })).toEqual({
			score: null,
			reason: { kind: 'no_calendar' }
		});
	});

	it('score the curriculum from the share of modules given, open or planned', () => {
		const table: [covered: number, total: number, score: FidelityScore][] = [
			[11, 11, 5],
			[10, 11, 5],
			[9, 11, 4],
			[8, 11, 4],
			[7, 11, 3],
			[6, 11, 3],
			[5, 11, 2],
			[4, 11, 2],
			[3, 11, 1],
			[0, 11, 1],
			[9, 10, 5]
		];
		for (const [covered, total, score] of table)
			expect(proposed('curriculum', { modules: { covered, total } }), `${covered}/${total}`).toEqual({
				score,
				reason: { kind: 'curriculum', covered, total }
			});
		expect(proposed('curriculum', { modules: { covered: 0, total: 0 } })?.score).toBeNull();
	});

	it('score significant others from the share sharing their plan with a naaste', () => {
		const table: [withOther: number, members: number, score: FidelityScore][] = [
			[5, 10, 5],
			[4, 8, 5],
			[4, 10, 4],
			[35, 100, 4],
			[34, 100, 3],
			[2, 10, 3],
			[1, 10, 2],
			[9, 100, 1],
			[0, 8, 1]
		];
		for (const [withOther, members, score] of table)
			expect(
				proposed('significant_others', { activeMembers: members, membersWithSignificantOther: withOther }),
				`${withOther}/${members}`
			).toEqual({
				score,
				reason: { kind: 'significant_others', members, withSignificantOther: withOther }
			});
		expect(proposed('significant_others', { activeMembers: 0 })?.reason).toEqual({ kind: 'no_members' });
	});

	it('score goal setting from the share with an active recovery goal', () => {
		const table: [withGoal: number, members: number, score: FidelityScore][] = [
			[10, 10, 5],
			[9, 10, 5],
			[8, 10, 4],
			[75, 100, 4],
			[74, 100, 3],
			[5, 10, 3],
			[4, 10, 2],
			[25, 100, 2],
			[24, 100, 1],
			[0, 8, 1]
		];
		for (const [withGoal, members, score] of table)
			expect(
				proposed('goal_setting', { activeMembers: members, membersWithGoal: withGoal }),
				`${withGoal}/${members}`
			).toEqual({ score, reason: { kind: 'goal_setting', members, withGoal } });
	});

	it('score goal follow-up from check-ins of those possible in the held sessions', () => {
		const table: [checkIns: number, members: number, held: number, score: FidelityScore, percent: number][] =
			[
				[80, 8, 10, 5, 100],
				[60, 8, 10, 5, 75],
				[59, 8, 10, 4, 74],
				[40, 8, 10, 4, 50],
				[24, 8, 10, 3, 30],
				[23, 8, 10, 2, 29],
				[8, 8, 10, 2, 10],
				[7, 8, 10, 1, 9],
				[0, 8, 10, 1, 0]
			];
		for (const [checkIns, members, held, score, percent] of table)
			expect(
				proposed('goal_follow_up', { checkIns, activeMembers: members, heldSessions: held }),
				`${checkIns}`
			).toEqual({
				score,
				reason: { kind: 'goal_follow_up', checkIns, expected: members * held, percent }
			});
		expect(proposed('goal_follow_up', { heldSessions: 0 })?.reason).toEqual({ kind: 'no_sessions_held' });
		expect(proposed('goal_follow_up', { activeMembers: 0 })?.reason).toEqual({ kind: 'no_members' });
	});

	it('score cognitive-behavioural techniques from home practice given, at most 4', () => {
		const table: [given: number, held: number, score: FidelityScore][] = [
			[10, 10, 4],
			[8, 10, 4],
			[3, 4, 4],
			[7, 10, 3],
			[5, 10, 3],
			[4, 10, 2],
			[25, 100, 2],
			[24, 100, 1],
			[0, 10, 1]
		];
		for (const [given, held, score] of table)
			expect(
				proposed('cognitive_behavioural', { heldSessions: held, homePractice: { given, answers: 0 } }),
				`${given}/${held}`
			).toEqual({ score, reason: { kind: 'cognitive_behavioural', given, held } });
		expect(proposed('cognitive_behavioural', { heldSessions: 0 })?.reason).toEqual({
			kind: 'no_sessions_held'
		});
	});

	it('score coping skills from answers to the home practice given, at most 4', () => {
		const table: [answers: number, given: number, members: number, score: FidelityScore][] = [
			[40, 5, 8, 4],
			[24, 5, 8, 4],
			[23, 5, 8, 3],
			[16, 5, 8, 3],
			[15, 5, 8, 2],
			[8, 5, 8, 2],
			[7, 5, 8, 1],
			[0, 5, 8, 1]
		];
		for (const [answers, given, members, score] of table) {
			const expected = given * members;
			expect(
				proposed('coping_skills', { activeMembers: members, homePractice: { given, answers } }),
				`${answers}/${expected}`
			).toEqual({
				score,
				reason: {
					kind: 'coping_skills',
					answers,
					expected,
					percent: Math.round((answers / expected) * 100)
				}
			});
		}
		expect(proposed('coping_skills', { homePractice: { given: 0, answers: 0 } })?.reason).toEqual({
			kind: 'no_practice_given'
		});
	});
});

describe('the default period', () => {
	it('is the half year up to today, not before the group started', () => {
		const table: [today: string, start: string, expected: { start: string; end: string }][] = [
			['2026-12-03', '2026-09-03', { start: '2026-09-03', end: '2026-12-03' }],
			['2027-06-30', '2026-09-03', { start: '2026-12-30', end: '2027-06-30' }],
			['2027-03-15', '2026-01-01', { start: '2026-09-15', end: '2027-03-15' }],
			// A group that starts later than today: the half year still ends today.
			['2026-12-03', '2027-01-10', { start: '2026-06-03', end: '2026-12-03' }]
		];
		for (const [today, start, expected] of table)
			expect(defaultPeriod(today, start), today).toEqual(expected);
	});
});
