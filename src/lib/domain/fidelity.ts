/**
 * The IMR fidelity self-assessment (modeltrouw): 13 items scored 1–5, their total and band, and the
 * scores Herstelpad proposes from what it already holds about a group.
 *
 * Herstelpad's own wording, following the domains of the IMR Fidelity Scale; not the validated
 * scale. The items' titles, anchors and "what helps" texts are messages
 * (`fidelity_item_<id>_title`, `…_anchor_<1–5>`, `…_help`), written by us; an organisation that holds
 * the validated scale scores with it beside this page.
 *
 * The proposal thresholds below are ours too: sensible anchors for a weekly IMR group of about a
 * year, documented with each rule. A proposal is a suggestion with its reason in words; the trainer
 * or coordinator decides the score.
 */

/** The 13 items, in the scale's order. */
export const FIDELITY_ITEMS = [
	'group_size',
	'programme_length',
	'curriculum',
	'handouts',
	'significant_others',
	'goal_setting',
	'goal_follow_up',
	'motivation',
	'education',
	'cognitive_behavioural',
	'coping_skills',
	'relapse_prevention',
	'medication_tailoring'
] as const;
export type FidelityItem = (typeof FIDELITY_ITEMS)[number];

export const FIDELITY_SCORES = [1, 2, 3, 4, 5] as const;
export type FidelityScore = (typeof FIDELITY_SCORES)[number];

export type FidelityBand = 'high' | 'moderate' | 'low';

export const FIDELITY_STATUSES = ['draft', 'final'] as const;
export type FidelityStatus = (typeof FIDELITY_STATUSES)[number];

/** Whether a value is an item id (form fields and stored rows are checked with it). */
export function isFidelityItem(value: string): value is FidelityItem {
	return (FIDELITY_ITEMS as readonly string[]).includes(value);
}

/** Whether a value is a score 1–5. */
export function isFidelityScore(value: number): value is FidelityScore {
	return Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * The total: the mean of the scored items, rounded to one decimal, with how many were scored; null
 * when none was. Items left open do not count as 1 (the scale's total is a mean item score).
 */
export function fidelityTotal(
	scores: Iterable<FidelityScore | null | undefined>
): { mean: number; scored: number } | null {
	let sum = 0;
	let scored = 0;
	for (const score of scores) {
		if (score === null || score === undefined) continue;
		sum += score;
		scored += 1;
	}
	if (scored === 0) return null;
	return { mean: Math.round((sum / scored) * 10) / 10, scored };
}

/** The band of a total (or of one item): 4 and up high, 3 up to 4 moderate, under 3 low. */
export function fidelityBand(mean: number): FidelityBand {
	if (mean >= 4) return 'high';
	if (mean >= 3) return 'moderate';
	return 'low';
}

/** An item scored under 3 is flagged with what helps. */
export function needsAttention(score: FidelityScore | null | undefined): boolean {
	return score !== null && score !== undefined && score < 3;
}

/** What Herstelpad holds about a group for one period (src/lib/server/measures/fidelity/evidence.ts). */
export interface FidelityEvidence {
	/** Participants in the group now (group_member.left_at is null). */
	activeMembers: number;
	/** Of them: with an active recovery goal. */
	membersWithGoal: number;
	/** Of them: sharing their plan with a significant other (an open significant_other_link). */
	membersWithSignificantOther: number;
	/** The whole calendar: sessions planned and cancelled, and the weeks from the first to the last planned one. */
	calendar: { planned: number; cancelled: number; weeks: number };
	/** Planned sessions in the period up to today: the sessions that were held. */
	heldSessions: number;
	/** Check-ins of the group's current participants for weeks in the period. */
	checkIns: number;
	/** Modules given, open or planned for the group, of the modules in its curriculum. */
	modules: { covered: number; total: number };
	/** Home practice given at the held sessions, and the current participants' answers to it. */
	homePractice: { given: number; answers: number };
}

/** Why a score is proposed (or why none can be), with the figures the sentence names. */
export type ProposalReason =
	| { kind: 'group_size'; members: number }
	| {
			kind: 'programme_length';
			planned: number;
			cancelled: number;
			weeklyPercent: number;
			rhythmLowered: boolean;
	  }
	| { kind: 'curriculum'; covered: number; total: number }
	| { kind: 'significant_others'; members: number; withSignificantOther: number }
	| { kind: 'goal_setting'; members: number; withGoal: number }
	| { kind: 'goal_follow_up'; checkIns: number; expected: number; percent: number }
	| { kind: 'cognitive_behavioural'; given: number; held: number }
	| { kind: 'coping_skills'; answers: number; expected: number; percent: number }
	| { kind: 'no_members' }
	| { kind: 'no_calendar' }
	| { kind: 'no_curriculum' }
	| { kind: 'no_sessions_held' }
	| { kind: 'no_practice_given' };

/** A proposed score with its reason; `score` is null when the evidence is too thin to propose one. */
export interface Proposal {
	score: FidelityScore | null;
	reason: ProposalReason;
}

/** Thresholds from high to low: the first whose minimum the value reaches gives the score. */
type Thresholds = readonly (readonly [minimum: number, score: FidelityScore])[];

function scoreFrom(value: number, thresholds: Thresholds, floor: FidelityScore = 1): FidelityScore {
	for (const [minimum, score] of thresholds) if (value >= minimum) return score;
	return floor;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * Group size: an IMR group works best with about 5 to 10 participants (room for everyone's goal in
 * each session). 5–10: 5; 4 or 11–12: 4; 3 or 13–14: 3; 2 or 15–16: 2; otherwise 1.
 */
export function groupSizeScore(members: number): FidelityScore {
	if (members >= 5 && members <= 10) return 5;
	if (members === 4 || (members >= 11 && members <= 12)) return 4;
	if (members === 3 || (members >= 13 && members <= 14)) return 3;
	if (members === 2 || (members >= 15 && members <= 16)) return 2;
	return 1;
}

/**
 * Programme length, from the planned (not cancelled) sessions of the whole calendar: IMR runs about
 * a year of weekly sessions. 40 or more: 5; 30–39: 4; 20–29: 3; 10–19: 2; fewer: 1.
 */
export const PROGRAMME_SESSIONS: Thresholds = [
	[40, 5],
	[30, 4],
	[20, 3],
	[10, 2]
];
/**
 * Weekly rhythm: planned sessions per week from the first to the last one. Under 75% (more than one
 * week in four without a session, holidays included) lowers the proposal by one.
 */
export const WEEKLY_RHYTHM_MINIMUM = 0.75;

/** Curriculum: the share of the curriculum's modules given, open or planned. 90%: 5; 70%: 4; 50%: 3; 30%: 2. */
export const CURRICULUM_SHARE: Thresholds = [
	[0.9, 5],
	[0.7, 4],
	[0.5, 3],
	[0.3, 2]
];

/**
 * Significant others: the share of participants who share their relapse-prevention plan with a
 * naaste. Half or more: 5; 35%: 4; 20%: 3; 10%: 2. (Sharing the plan is one way of involving them;
 * talks and family sessions outside Herstelpad count too.)
 */
export const SIGNIFICANT_OTHER_SHARE: Thresholds = [
	[0.5, 5],
	[0.35, 4],
	[0.2, 3],
	[0.1, 2]
];

/** Goal setting: the share of participants with an active recovery goal. 90%: 5; 75%: 4; 50%: 3; 25%: 2. */
export const GOAL_SHARE: Thresholds = [
	[0.9, 5],
	[0.75, 4],
	[0.5, 3],
	[0.25, 2]
];

/**
 * Goal follow-up: check-ins sent of those possible (participants × sessions held in the period).
 * 75%: 5; 50%: 4; 30%: 3; 10%: 2.
 */
export const CHECK_IN_SHARE: Thresholds = [
	[0.75, 5],
	[0.5, 4],
	[0.3, 3],
	[0.1, 2]
];

/**
 * Cognitive-behavioural techniques, from practice between sessions: the share of held sessions
 * that gave home practice. 75%: 4; 50%: 3; 25%: 2. Never 5: Herstelpad does not see the techniques
 * used in the room (modelling, role play, …).
 */
export const PRACTICE_GIVEN_SHARE: Thresholds = [
	[0.75, 4],
	[0.5, 3],
	[0.25, 2]
];

/**
 * Coping skills training, from practising at home: the share of possible answers to the home
 * practice given (participants × practice given). 60%: 4; 40%: 3; 20%: 2. Never 5: practising
 * coping in the group is not seen.
 */
export const PRACTICE_ANSWER_SHARE: Thresholds = [
	[0.6, 4],
	[0.4, 3],
	[0.2, 2]
];

/** A share-of-participants proposal; none without participants. */
function ofMembers(members: number, part: number, thresholds: Thresholds, reason: ProposalReason): Proposal {
	if (members === 0) return { score: null, reason: { kind: 'no_members' } };
	return { score: scoreFrom(part / members, thresholds), reason };
}

/**
 * The proposals for the items Herstelpad holds evidence for. Items it knows nothing about
 * (handouts, motivation, education, relapse prevention, medication) are absent: the person filling
 * in scores them alone.
 */
export function proposeScores(evidence: FidelityEvidence): Partial<Record<FidelityItem, Proposal>> {
	const members = evidence.activeMembers;
	return {
		group_size:
			members === 0
				? { score: null, reason: { kind: 'no_members' } }
				: { score: groupSizeScore(members), reason: { kind: 'group_size', members } },
		programme_length: programmeProposal(evidence.calendar),
		curriculum:
			evidence.modules.total === 0
				? { score: null, reason: { kind: 'no_curriculum' } }
				: {
						score: scoreFrom(evidence.modules.covered / evidence.modules.total, CURRICULUM_SHARE),
						reason: { kind: 'curriculum', ...evidence.modules }
					},
		significant_others: ofMembers(members, evidence.membersWithSignificantOther, SIGNIFICANT_OTHER_SHARE, {
			kind: 'significant_others',
			members,
			withSignificantOther: evidence.membersWithSignificantOther
		}),
		goal_setting: ofMembers(members, evidence.membersWithGoal, GOAL_SHARE, {
			kind: 'goal_setting',
			members,
			withGoal: evidence.membersWithGoal
		}),
		goal_follow_up: followUpProposal(evidence),
		cognitive_behavioural:
			evidence.heldSessions === 0
				? { score: null, reason: { kind: 'no_sessions_held' } }
				: {
						score: scoreFrom(evidence.homePractice.given / evidence.heldSessions, PRACTICE_GIVEN_SHARE),
						reason: {
							kind: 'cognitive_behavioural',
							given: evidence.homePractice.given,
							held: evidence.heldSessions
						}
					},
		coping_skills: copingProposal(evidence)
	};
}

function programmeProposal(calendar: FidelityEvidence['calendar']): Proposal {
	if (calendar.planned === 0) return { score: null, reason: { kind: 'no_calendar' } };
	const weekly = calendar.weeks > 0 ? Math.min(1, calendar.planned / calendar.weeks) : 1;
	const byLength = scoreFrom(calendar.planned, PROGRAMME_SESSIONS);
	const rhythmLowered = weekly < WEEKLY_RHYTHM_MINIMUM && byLength > 1;
	return {
		score: (rhythmLowered ? byLength - 1 : byLength) as FidelityScore,
		reason: {
			kind: 'programme_length',
			planned: calendar.planned,
			cancelled: calendar.cancelled,
			weeklyPercent: Math.round(weekly * 100),
			rhythmLowered
		}
	};
}

function followUpProposal(evidence: FidelityEvidence): Proposal {
	if (evidence.activeMembers === 0) return { score: null, reason: { kind: 'no_members' } };
	if (evidence.heldSessions === 0) return { score: null, reason: { kind: 'no_sessions_held' } };
	const expected = evidence.activeMembers * evidence.heldSessions;
	return {
		score: scoreFrom(evidence.checkIns / expected, CHECK_IN_SHARE),
		reason: {
			kind: 'goal_follow_up',
			checkIns: evidence.checkIns,
			expected,
			percent: percent(evidence.checkIns, expected)
		}
	};
}

function copingProposal(evidence: FidelityEvidence): Proposal {
	if (evidence.activeMembers === 0) return { score: null, reason: { kind: 'no_members' } };
	if (evidence.homePractice.given === 0) return { score: null, reason: { kind: 'no_practice_given' } };
	const expected = evidence.activeMembers * evidence.homePractice.given;
	return {
		score: scoreFrom(evidence.homePractice.answers / expected, PRACTICE_ANSWER_SHARE),
		reason: {
			kind: 'coping_skills',
			answers: evidence.homePractice.answers,
			expected,
			percent: percent(evidence.homePractice.answers, expected)
		}
	};
}

/**
 * The default period of a new assessment: the half year up to `today`, not before the group
 * started. Dates are "YYYY-MM-DD".
 */
export function defaultPeriod(today: string, groupStart: string): { start: string; end: string } {
	const [year, month, day] = today.split('-').map(Number) as [number, number, number];
	const back = new Date(Date.UTC(year, month - 1 - 6, day));
	const halfYearAgo = back.toISOString().slice(0, 10);
	return { start: halfYearAgo < groupStart && groupStart <= today ? groupStart : halfYearAgo, end: today };
}
