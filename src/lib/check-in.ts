/** Words for check-in answers shown in the browser (messages check_in_*). */
import { m } from '$lib/paraglide/messages.js';

const worked = {
	yes: m.check_in_worked_yes,
	a_bit: m.check_in_worked_a_bit,
	not_yet: m.check_in_worked_not_yet
};
const closeness = [
	m.check_in_close_1,
	m.check_in_close_2,
	m.check_in_close_3,
	m.check_in_close_4,
	m.check_in_close_5
];

export const workedLabel = (value: keyof typeof worked): string => worked[value]();
export const closenessLabel = (value: number): string => (closeness[value - 1] ?? closeness[0]!)();
