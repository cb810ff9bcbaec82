/** The use figures' words: component, answer and count texts in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { UsageComponent, WhyNotAnswer, WhyNotComponent } from '$lib/domain/usage';

const components: Record<UsageComponent, () => string> = {
	steps_seen: m.usage_component_steps_seen,
	steps_done: m.usage_component_steps_done,
	videos_started: m.usage_component_videos_started,
	videos_ended: m.usage_component_videos_ended,
	check_ins: m.usage_component_check_ins,
	goals: m.usage_component_goals,
	goal_steps: m.usage_component_goal_steps,
	reminders: m.usage_component_reminders,
	messages: m.usage_component_messages,
	help_requests: m.usage_component_help_requests,
	home_practice: m.usage_component_home_practice,
	board: m.usage_component_board,
	live: m.usage_component_live,
	workbook_opened: m.usage_component_workbook_opened,
	workbook_pdf: m.usage_component_workbook_pdf
};

const answers: Record<WhyNotAnswer, () => string> = {
	cannot_find: m.why_not_answer_cannot_find,
	no_device: m.why_not_answer_no_device,
	not_needed: m.why_not_answer_not_needed,
	too_hard: m.why_not_answer_too_hard,
	rather_not_say: m.why_not_answer_rather_not_say,
	not_now: m.why_not_answer_not_now
};

const whyNotComponents: Record<WhyNotComponent, () => string> = {
	check_in: m.usage_why_not_component_check_in,
	modules: m.usage_why_not_component_modules
};

export const componentName = (component: UsageComponent): string => components[component]();
export const answerName = (answer: WhyNotAnswer): string => answers[answer]();
export const whyNotComponentName = (component: WhyNotComponent): string => whyNotComponents[component]();

/** A count, or "te weinig om te tonen" when it is hidden. */
export const countText = (count: number | null): string =>
	count === null ? m.usage_too_few() : String(count);

/** The question the home page asks about a component. */
export const whyNotQuestionText = (component: WhyNotComponent): string =>
	component === 'check_in' ? m.why_not_question_check_in() : m.why_not_question_modules();
