/**
 * The workbook's relapse-prevention plan: what helps, what makes it harder, the three phases (named
 * in words) and whom to call with the crisis numbers. Without a plan (or in a trainer's print of a
 * plan not shared with the care team), the questions with lines to write on: paper and phone equal.
 */
import {
	CONTACT_FIELDS,
	PHASE_PARTS,
	PLAN_PHASES,
	type ContactField,
	type PhasePart,
	type PlanPhase
} from '$lib/domain/plan';
import { formatLongDate, formatMoment } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import type { WorkbookContent } from '../content';
import type { WorkbookWriter } from '../writer';

type Options = { locale: WorkbookContent['locale'] };

const phaseTitle: Record<PlanPhase, (input: object, options: Options) => string> = {
	green: m.plan_phase_green,
	orange: m.plan_phase_orange,
	red: m.plan_phase_red
};
const partLabel: Record<PhasePart, (input: object, options: Options) => string> = {
	signs: m.plan_part_signs,
	self: m.plan_part_self,
	others: m.plan_part_others,
	careTeam: m.plan_part_care_team
};
const contactLabel: Record<ContactField, (input: object, options: Options) => string> = {
	careTeam: m.plan_contact_care_team,
	gp: m.plan_contact_gp,
	other: m.plan_contact_other
};

export async function planSection(w: WorkbookWriter, content: WorkbookContent): Promise<void> {
	const options = { locale: content.locale };
	const plan = content.plan?.content;
	/** An answer, or lines to write it on. */
	const answer = (text: string | undefined) => {
		if (text?.trim()) w.paragraph(text);
		else w.writingLines(2);
	};
	w.newPage();
	await w.section(m.plan_title({}, options), 1, async () => {
		if (content.plan) {
			w.paragraph(
				m.plan_last_changed({ when: formatMoment(content.plan.updatedAt, content.locale) }, options),
				{
					muted: true
				}
			);
			if (content.plan.reviewDue)
				w.paragraph(
					m.plan_review_due({ date: formatLongDate(content.plan.reviewDue, content.locale) }, options),
					{ muted: true }
				);
		}
		await w.section(m.plan_section_start({}, options), 2, () => {
			w.paragraph(m.plan_q_strengths({}, options), { bold: true });
			answer(plan?.strengths);
			w.paragraph(m.plan_q_triggers({}, options), { bold: true });
			answer(plan?.triggers);
		});
		for (const phase of PLAN_PHASES) {
			await w.section(phaseTitle[phase]({}, options), 2, () => {
				for (const part of PHASE_PARTS) {
					w.paragraph(partLabel[part]({}, options), { bold: true });
					answer(plan?.[phase][part]);
				}
			});
			await w.pause();
		}
		await w.section(m.plan_section_call({}, options), 2, () => {
			for (const field of CONTACT_FIELDS) {
				w.paragraph(contactLabel[field]({}, options), { bold: true });
				answer(plan?.contacts[field]);
			}
			w.paragraph(m.plan_crisis_line({}, options), { bold: true });
			w.paragraph(m.plan_emergency({}, options), { bold: true });
		});
	});
}
