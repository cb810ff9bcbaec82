/**
 * The screen a help request came from, by the title the participant saw on it: a module step as its
 * module number and the step's title, a module as its number and title, the other participant screens
 * by their page titles. A path it does not know stays a path.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '../../curriculum/course/localised';

/** The modules of the group's course as the trainer sees them (titles already in the reader's language). */
export type CourseTitles = readonly {
	number: number;
	title: string;
	steps: readonly { key: string; title: string }[];
}[];

/** Participant screens by path, with the message their page is titled by. */
const SCREENS: Record<string, (inputs: Record<string, never>, options: { locale: Locale }) => string> = {
	'/': m.nav_home,
	'/doel': m.goal_page_title,
	'/doel/nieuw': m.goal_new_title,
	'/check-in': m.check_in_title,
	'/berichten': m.messages_title,
	'/hulp': m.help_title,
	'/logboek': m.access_log_title,
	'/modules': m.course_title,
	'/startlessen': m.starter_title,
	'/herinneringen': m.reminder_title,
	'/thuisopdracht': m.practice_title
};

/** A module page or one of its steps: `/modules/2` or `/modules/2/01-wat-is-herstel`. */
export function modulePath(path: string): { number: number; step: string | null } | null {
	const match = /^\/modules\/(\d{1,3})(?:\/([A-Za-z0-9_-]+))?\/?$/.exec(path);
	return match ? { number: Number(match[1]), step: match[2] ?? null } : null;
}

export function screenTitle(path: string, locale: Locale, course: CourseTitles): string {
	const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
	const known = SCREENS[trimmed];
	if (known) return known({}, { locale });
	if (/^\/doel\/[0-9a-f-]{36}$/.test(trimmed)) return m.goal_change_title({}, { locale });
	if (/^\/startlessen\/[a-z0-9-]+$/.test(trimmed)) return m.starter_title({}, { locale });
	const inModule = modulePath(trimmed);
	const module = inModule && course.find((candidate) => candidate.number === inModule.number);
	if (!inModule || !module) return path;
	const step =
		inModule.step === null ? module : module.steps.find((candidate) => candidate.key === inModule.step);
	return step
		? m.tailor_module_title({ number: String(module.number), title: step.title }, { locale })
		: path;
}
