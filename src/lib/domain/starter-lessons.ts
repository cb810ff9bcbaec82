/**
 * The starter lessons: very short lessons for participants who need them, one screen at a time.
 * Their text lives in the messages (starter_<lesson>_<screen>); here only the order, the length, the
 * stored key (English, in starter_lesson_done) and the Dutch part of the URL (/startlessen/<slug>).
 */
export const STARTER_LESSONS = [
	{ key: 'sign-in', slug: 'inloggen', screens: 2 },
	{ key: 'home', slug: 'naar-home', screens: 2 },
	{ key: 'video', slug: 'video', screens: 2 },
	{ key: 'check-in', slug: 'check-in', screens: 2 }
] as const;
export type StarterLesson = (typeof STARTER_LESSONS)[number];
export type StarterLessonKey = StarterLesson['key'];

/** The lesson with this stored key, or null. */
export function starterLesson(key: string): StarterLesson | null {
	return STARTER_LESSONS.find((lesson) => lesson.key === key) ?? null;
}

/** The lesson at /startlessen/<slug>, or null. */
export function starterLessonAt(slug: string): StarterLesson | null {
	return STARTER_LESSONS.find((lesson) => lesson.slug === slug) ?? null;
}

/** Whether the overview offers the lessons: after an intake that suggests guidance, until all are done. */
export function offerStarterLessons(path: string | null, done: readonly string[]): boolean {
	return path === 'guided' && STARTER_LESSONS.some((lesson) => !done.includes(lesson.key));
}
