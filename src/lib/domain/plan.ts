/**
 * The relapse-prevention plan (signaleringsplan, IMR module 7): what it holds and the order of its
 * screens, one question each. Pure; the server keeps it (workbook/plan) and pages show it.
 */

import { addMonths } from './schedule';

export const PLAN_PHASES = ['green', 'orange', 'red'] as const;
export type PlanPhase = (typeof PLAN_PHASES)[number];

/** What a phase asks: the signs, what I do, what the people around me can do, what my care team does. */
export const PHASE_PARTS = ['signs', 'self', 'others', 'careTeam'] as const;
export type PhasePart = (typeof PHASE_PARTS)[number];

export type PhaseAnswers = Record<PhasePart, string>;

/** Whom to call: written by the participant (name and number); the crisis numbers are always shown. */
export const CONTACT_FIELDS = ['careTeam', 'gp', 'other'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface PlanContent {
	strengths: string;
	triggers: string;
	green: PhaseAnswers;
	orange: PhaseAnswers;
	red: PhaseAnswers;
	contacts: Record<ContactField, string>;
}

/** The parts a plan is read in, one screen each: what helps, the three phases, whom to call. */
export const PLAN_SECTIONS = ['start', 'green', 'orange', 'red', 'call'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/** The section a reading page shows (`?deel=1…5`); the first for anything else. */
export function planSectionAt(value: string | null): { section: PlanSection; index: number } {
	const index = /^[1-5]$/.test(value ?? '') ? Number(value) - 1 : 0;
	return { section: PLAN_SECTIONS[index]!, index };
}

/** The most one answer may hold, and one contact line. */
export const PLAN_ANSWER_MAX = 2000;
export const PLAN_CONTACT_MAX = 200;

/** The crisis line and the emergency number, the same for everyone in the Netherlands. */
export const CRISIS_NUMBERS = { crisisLine: '0800-0113', emergency: '112' } as const;

/** One screen of the plan: its address (Dutch, in the URL) and what it fills in. */
export type PlanStep =
	| { key: string; kind: 'text'; field: 'strengths' | 'triggers' }
	| { key: string; kind: 'phase'; phase: PlanPhase; part: PhasePart }
	| { key: string; kind: 'contacts' };

const PHASE_WORD: Record<PlanPhase, string> = { green: 'groen', orange: 'oranje', red: 'rood' };
const PART_WORD: Record<PhasePart, string> = {
	signs: 'signalen',
	self: 'ik',
	others: 'anderen',
	careTeam: 'zorg'
};

/** The screens in order: strengths, triggers, four per phase (green, orange, red), whom to call. */
export const PLAN_STEPS: readonly PlanStep[] = [
	{ key: 'sterke-kanten', kind: 'text', field: 'strengths' },
	{ key: 'triggers', kind: 'text', field: 'triggers' },
	...PLAN_PHASES.flatMap((phase) =>
		PHASE_PARTS.map((part): PlanStep => ({
			key: `${PHASE_WORD[phase]}-${PART_WORD[part]}`,
			kind: 'phase',
			phase,
			part
		}))
	),
	{ key: 'bellen', kind: 'contacts' }
];

/** The screen with this address, or null. */
export function planStep(key: string): { step: PlanStep; index: number } | null {
	const index = PLAN_STEPS.findIndex((step) => step.key === key);
	return index < 0 ? null : { step: PLAN_STEPS[index]!, index };
}

const emptyPhase = (): PhaseAnswers => ({ signs: '', self: '', others: '', careTeam: '' });

/** A plan with nothing filled in. */
export function emptyPlan(): PlanContent {
	return {
		strengths: '',
		triggers: '',
		green: emptyPhase(),
		orange: emptyPhase(),
		red: emptyPhase(),
		contacts: { careTeam: '', gp: '', other: '' }
	};
}

/**
 * A stored plan read back in today's shape: missing parts are empty, unknown ones dropped, so a
 * version written by an older release still reads.
 */
export function normalisePlan(value: unknown): PlanContent {
	const plan = emptyPlan();
	if (!value || typeof value !== 'object') return plan;
	const source = value as Record<string, unknown>;
	const text = (from: unknown): string => (typeof from === 'string' ? from : '');
	plan.strengths = text(source.strengths);
	plan.triggers = text(source.triggers);
	for (const phase of PLAN_PHASES) {
		const answers = (source[phase] ?? {}) as Record<string, unknown>;
		for (const part of PHASE_PARTS) plan[phase][part] = text(answers[part]);
	}
	const contacts = (source.contacts ?? {}) as Record<string, unknown>;
	for (const field of CONTACT_FIELDS) plan.contacts[field] = text(contacts[field]);
	return plan;
}

/** The plan with one screen's answer in it (a new object; the old one is left alone). */
export function withAnswer(
	plan: PlanContent,
	step: PlanStep,
	answer: { text?: string; contacts?: Partial<Record<ContactField, string>> }
): PlanContent {
	const next = structuredClone(plan);
	if (step.kind === 'text') next[step.field] = answer.text ?? '';
	else if (step.kind === 'phase') next[step.phase][step.part] = answer.text ?? '';
	else for (const field of CONTACT_FIELDS) next.contacts[field] = answer.contacts?.[field] ?? '';
	return next;
}

/** The screen's current answer. */
export function answerOf(plan: PlanContent, step: PlanStep): string {
	if (step.kind === 'text') return plan[step.field];
	if (step.kind === 'phase') return plan[step.phase][step.part];
	return CONTACT_FIELDS.map((field) => plan.contacts[field]).join('\n');
}

/** How many screens hold an answer: the overview says "7 of 15 filled in". */
export function filledSteps(plan: PlanContent): number {
	return PLAN_STEPS.filter((step) => answerOf(plan, step).trim() !== '').length;
}

/** The first screen without an answer (where "verder" goes), or null when all are filled in. */
export function firstOpenStep(plan: PlanContent): PlanStep | null {
	return PLAN_STEPS.find((step) => answerOf(plan, step).trim() === '') ?? null;
}

/** The date (YYYY-MM-DD) a plan last changed on `day` should be looked at again, `months` later. */
export function reviewDate(day: string, months: number): string {
	return addMonths(day, months);
}

/** What the wallet card shows of a text: at most `max` characters, cut at a word, with "…". */
export function cardText(text: string, max: number): { text: string; shortened: boolean } {
	const clean = text.trim().replace(/\s+/g, ' ');
	if (clean.length <= max) return { text: clean, shortened: false };
	const cut = clean.slice(0, max - 1);
	const atWord = cut.lastIndexOf(' ');
	return { text: `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`, shortened: true };
}
