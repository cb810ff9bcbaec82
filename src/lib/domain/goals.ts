/**
 * Recovery goals and the weekly check-in: the rules that need no database. A goal is never
 * overwritten: every change leaves a history entry, and changing or stopping a goal asks a reason.
 */

export const LIFE_AREAS = [
	'housing',
	'work',
	'relationships',
	'health',
	'leisure',
	'learning',
	'meaning'
] as const;
export type LifeArea = (typeof LIFE_AREAS)[number];

export type GoalStatus = 'active' | 'reached' | 'stopped';
export type GoalChange = 'edit' | 'reach' | 'stop';

export const GOAL_TEXT_MAX = 300;
export const REASON_MAX = 200;

/**
 * Whether a change is allowed on a goal with this status, and whether it needs a reason: only an
 * active goal changes, and a changed or stopped goal says why (a reached goal may, but need not).
 */
export function goalChangeRule(
	status: GoalStatus,
	change: GoalChange
): 'allowed' | 'needs-reason' | 'refused' {
	if (status !== 'active') return 'refused';
	return change === 'reach' ? 'allowed' : 'needs-reason';
}

/** The questions of the check-in, one per screen, in order (the stored draft keys). "newStep" only after "change". */
export const CHECK_IN_QUESTIONS = ['worked', 'closeness', 'bringUp', 'step', 'newStep'] as const;
export type CheckInQuestion = (typeof CHECK_IN_QUESTIONS)[number];

export const WORKED = ['yes', 'a_bit', 'not_yet'] as const;
export type Worked = (typeof WORKED)[number];
export const BRING_UP_MAX = 500;
export const STEP_TEXT_MAX = 200;

export interface CheckInAnswers {
	worked: Worked;
	closeness: number;
	bringUp: string;
	step: 'keep' | 'change';
	newStep?: string;
}

export function isCheckInQuestion(value: string): value is CheckInQuestion {
	return (CHECK_IN_QUESTIONS as readonly string[]).includes(value);
}

/**
 * One screen's answer, checked: the stored value, or an error code for the message. Text is trimmed
 * and control characters other than new lines are removed.
 */
export function parseCheckInAnswer(
	question: CheckInQuestion,
	raw: string | null | undefined
): { ok: true; value: string } | { ok: false; error: 'required' | 'choice' | 'too_long' } {
	const value = (raw ?? '')
		.replace(/\r\n?/g, '\n')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
		.trim();
	switch (question) {
		case 'worked':
			return (WORKED as readonly string[]).includes(value)
				? { ok: true, value }
				: { ok: false, error: value ? 'choice' : 'required' };
		case 'closeness':
			return /^[1-5]$/.test(value)
				? { ok: true, value }
				: { ok: false, error: value ? 'choice' : 'required' };
		case 'bringUp':
			return value.length > BRING_UP_MAX ? { ok: false, error: 'too_long' } : { ok: true, value };
		case 'step':
			return value === 'keep' || value === 'change'
				? { ok: true, value }
				: { ok: false, error: value ? 'choice' : 'required' };
		case 'newStep':
			if (!value) return { ok: false, error: 'required' };
			return value.length > STEP_TEXT_MAX ? { ok: false, error: 'too_long' } : { ok: true, value };
	}
}

/** The first question still to answer (forward-only), or null when the check-in is complete. */
export function nextQuestion(answers: Record<string, string>, hasStep: boolean): CheckInQuestion | null {
	// Without a step there is nothing to keep: the participant names one.
	const step = hasStep ? answers.step : 'change';
	for (const question of CHECK_IN_QUESTIONS) {
		if (question === 'step' && !hasStep) continue;
		if (question === 'newStep' && step !== 'change') continue;
		if (answers[question] === undefined) return question;
	}
	return null;
}

/** The complete answers of a finished draft, or null while something is missing or invalid. */
export function completeAnswers(answers: Record<string, string>, hasStep: boolean): CheckInAnswers | null {
	if (nextQuestion(answers, hasStep) !== null) return null;
	const filled = hasStep ? answers : { ...answers, step: 'change' };
	for (const question of CHECK_IN_QUESTIONS) {
		if (question === 'newStep' && filled.step !== 'change') continue;
		if (!parseCheckInAnswer(question, filled[question]).ok) return null;
	}
	return {
		worked: filled.worked as Worked,
		closeness: Number(filled.closeness),
		bringUp: filled.bringUp ?? '',
		step: filled.step as 'keep' | 'change',
		newStep: filled.step === 'change' ? filled.newStep : undefined
	};
}

/** Points of the "how close to my goal" chart: one per week that has a check-in, oldest first. */
export interface ChartPoint {
	weekStart: string;
	closeness: number;
}

/** Geometry of the small server-rendered chart: x per week, y per closeness (5 at the top). */
/** The chart as the browser draws it: mark positions and the figures in words (see server/goals/chart.ts). */
export interface ChartView {
	marks: { x: number; y: number; key: string }[];
	summary: string;
}

export function chartGeometry(
	points: ChartPoint[],
	width = 320,
	height = 160,
	padding = 24
): { x: number; y: number; point: ChartPoint }[] {
	if (points.length === 0) return [];
	const step = points.length > 1 ? (width - 2 * padding) / (points.length - 1) : 0;
	return points.map((point, index) => ({
		x: Math.round(padding + index * step),
		y: Math.round(height - padding - ((point.closeness - 1) / 4) * (height - 2 * padding)),
		point
	}));
}
