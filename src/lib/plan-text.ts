/**
 * The words of the relapse-prevention plan's screens, per step and phase (messages: plan_*). Shared by
 * the participant's screens, the naaste's and the trainer's reading of a plan.
 */
import type { ContactField, PhasePart, PlanPhase, PlanStep } from '$lib/domain/plan';
import { m } from '$lib/paraglide/messages.js';

export const phaseTitle: Record<PlanPhase, () => string> = {
	green: m.plan_phase_green,
	orange: m.plan_phase_orange,
	red: m.plan_phase_red
};

/** What a phase's part is called in the read-only plan ("Signalen", "Wat ik doe"). */
export const partLabel: Record<PhasePart, () => string> = {
	signs: m.plan_part_signs,
	self: m.plan_part_self,
	others: m.plan_part_others,
	careTeam: m.plan_part_care_team
};

const phaseQuestion: Record<PlanPhase, Record<PhasePart, () => string>> = {
	green: {
		signs: m.plan_q_green_signs,
		self: m.plan_q_green_self,
		others: m.plan_q_green_others,
		careTeam: m.plan_q_green_care_team
	},
	orange: {
		signs: m.plan_q_orange_signs,
		self: m.plan_q_orange_self,
		others: m.plan_q_orange_others,
		careTeam: m.plan_q_orange_care_team
	},
	red: {
		signs: m.plan_q_red_signs,
		self: m.plan_q_red_self,
		others: m.plan_q_red_others,
		careTeam: m.plan_q_red_care_team
	}
};

const partHint: Record<PhasePart, () => string> = {
	signs: m.plan_hint_signs,
	self: m.plan_hint_self,
	others: m.plan_hint_others,
	careTeam: m.plan_hint_care_team
};

export const contactLabel: Record<ContactField, () => string> = {
	careTeam: m.plan_contact_care_team,
	gp: m.plan_contact_gp,
	other: m.plan_contact_other
};

/** The question a screen asks, and a hint with examples. */
export function stepQuestion(step: PlanStep): { question: string; hint: string; section: string } {
	if (step.kind === 'text')
		return step.field === 'strengths'
			? { question: m.plan_q_strengths(), hint: m.plan_hint_strengths(), section: m.plan_section_start() }
			: { question: m.plan_q_triggers(), hint: m.plan_hint_triggers(), section: m.plan_section_start() };
	if (step.kind === 'phase')
		return {
			question: phaseQuestion[step.phase][step.part](),
			hint: partHint[step.part](),
			section: phaseTitle[step.phase]()
		};
	return { question: m.plan_q_contacts(), hint: m.plan_hint_contacts(), section: m.plan_section_call() };
}

/** Each of `texts` said in the current language. */
function said<K extends string>(texts: Record<K, () => string>): Record<K, string> {
	return Object.fromEntries(
		Object.entries<() => string>(texts).map(([key, text]) => [key, text()])
	) as Record<K, string>;
}

/**
 * Every word the read-only plan (PlanView) shows, in the request's language: the server sends them
 * with the page, so the plan's texts are not in the JavaScript of the pages that show it.
 */
export function planWords() {
	return {
		start: m.plan_section_start(),
		strengths: m.plan_q_strengths(),
		triggers: m.plan_q_triggers(),
		phases: said(phaseTitle),
		parts: said(partLabel),
		call: m.plan_section_call(),
		contacts: said(contactLabel),
		crisis: m.plan_crisis_line(),
		emergency: m.plan_emergency(),
		empty: m.plan_not_filled()
	};
}

export type PlanWords = ReturnType<typeof planWords>;
