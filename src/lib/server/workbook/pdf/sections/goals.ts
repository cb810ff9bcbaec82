/** The workbook's "Mijn doel" chapter: the goal now with its steps, then earlier goals. */
import type { GoalStatus, LifeArea } from '$lib/domain/goals';
import { formatLongDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import type { WorkbookContent, WorkbookGoal } from '../content';
import type { WorkbookWriter } from '../writer';

const areas: Record<LifeArea, typeof m.goal_area_work> = {
	housing: m.goal_area_housing,
	work: m.goal_area_work,
	relationships: m.goal_area_relationships,
	health: m.goal_area_health,
	leisure: m.goal_area_leisure,
	learning: m.goal_area_learning,
	meaning: m.goal_area_meaning
};

const statuses: Record<GoalStatus, typeof m.goal_status_active> = {
	active: m.goal_status_active,
	reached: m.goal_status_reached,
	stopped: m.goal_status_stopped
};

export async function goalsSection(w: WorkbookWriter, content: WorkbookContent): Promise<void> {
	const locale = { locale: content.locale };
	w.newPage();
	await w.section(m.workbook_goals_title({}, locale), 1, async () => {
		if (content.goals.length === 0) {
			w.paragraph(m.workbook_goals_none({}, locale));
			w.writingLines(3);
			return;
		}
		for (const goal of content.goals) await writeGoal(w, goal, content.locale);
	});
}

async function writeGoal(w: WorkbookWriter, goal: WorkbookGoal, locale: WorkbookContent['locale']) {
	const options = { locale };
	const heading = goal.isCurrent
		? m.goal_now({}, options)
		: m.workbook_goal_earlier({ status: statuses[goal.status]({}, options) }, options);
	await w.section(heading, 2, () => {
		w.paragraph(goal.text, { bold: true });
		const about = [areas[goal.lifeArea]({}, options)];
		if (goal.addedBy) about.push(m.goal_added_by({ name: goal.addedBy }, options));
		w.paragraph(about.join(' · '), { muted: true });
		if (goal.why.trim()) w.paragraph(m.goal_why_label({ why: goal.why }, options));
		if (goal.steps.length === 0) return;
		w.paragraph(m.workbook_goal_steps({}, options), { bold: true });
		w.list(
			goal.steps.map((step) => {
				const parts = [step.text];
				if (step.targetWeek)
					parts.push(m.goal_step_target({ date: formatLongDate(step.targetWeek, locale) }, options));
				parts.push(
					step.status === 'done'
						? m.workbook_step_done({}, options)
						: step.status === 'replaced'
							? m.workbook_step_replaced({}, options)
							: m.workbook_step_open({}, options)
				);
				if (step.addedBy) parts.push(m.goal_added_by({ name: step.addedBy }, options));
				return parts.join(' · ');
			})
		);
	});
}
