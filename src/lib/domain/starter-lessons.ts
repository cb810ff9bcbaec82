/**
 * The starter lessons: very short lessons for participants who need them, one screen at a time.
 * Their text lives in the messages (starter_<lesson>_<screen>); here only the order and the length.
 */
export const STARTER_LESSONS = [
	{ key: 'inloggen', screens: 2 },
	{ key: 'naar-home', screens: 2 },
	{ key: 'video', screens: 2 },
	{ key: 'check-in', screens: 2 }
] as const;
export type StarterLessonKey = (typeof STARTER_LESSONS)[number]['key'];

export function starterLesson(key: string) {
	return STARTER_LESSONS.find((lesson) => lesson.key === key) ?? null;
}

/** Whether the overview offers the lessons: after an intake that suggests guidance, until all are done. */
export function offerStarterLessons(path: string | null, done: readonly string[]): boolean {
	return path === 'guided' && STARTER_LESSONS.some((lesson) => !done.includes(lesson.key));
}
