/** The starter lessons' words (messages starter_*), per lesson: a title and one text per screen. */
import type { StarterLessonKey } from '$lib/domain/starter-lessons';
import { m } from '$lib/paraglide/messages.js';

const texts: Record<StarterLessonKey, { title: () => string; screens: (() => string)[] }> = {
	'sign-in': { title: m.starter_sign_in_title, screens: [m.starter_sign_in_1, m.starter_sign_in_2] },
	home: { title: m.starter_home_title, screens: [m.starter_home_1, m.starter_home_2] },
	video: { title: m.starter_video_title, screens: [m.starter_video_1, m.starter_video_2] },
	'check-in': { title: m.starter_check_in_title, screens: [m.starter_check_in_1, m.starter_check_in_2] }
};

export function starterText(key: string, part: 'title' | number): string {
	const lesson = texts[key as StarterLessonKey];
	if (!lesson) return '';
	return part === 'title' ? lesson.title() : (lesson.screens[part - 1]?.() ?? '');
}
