/** The first-use tour's screens (messages tour_*). */
import { m } from '$lib/paraglide/messages.js';

const screens = [
	{ title: m.tour_1_title, text: m.tour_1_text },
	{ title: m.tour_2_title, text: m.tour_2_text },
	{ title: m.tour_3_title, text: m.tour_3_text },
	{ title: m.tour_4_title, text: m.tour_4_text }
];

export function tourText(screen: number): { title: string; text: string } {
	const found = screens[screen - 1] ?? screens[0]!;
	return { title: found.title(), text: found.text() };
}
