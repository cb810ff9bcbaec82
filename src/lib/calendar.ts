/** Words for the course calendar and attendance shown in the browser (messages calendar_*, attendance_*). */
import { m } from '$lib/paraglide/messages.js';

const holidays: Record<string, () => string> = {
	new_year: m.holiday_new_year,
	easter_monday: m.holiday_easter_monday,
	kings_day: m.holiday_kings_day,
	liberation_day: m.holiday_liberation_day,
	ascension_day: m.holiday_ascension_day,
	whit_monday: m.holiday_whit_monday,
	christmas_day: m.holiday_christmas_day,
	boxing_day: m.holiday_boxing_day
};

/** "Planned", or why the session does not take place (a holiday, a day off, or the trainer's words). */
export function sessionStatusText(session: {
	status: 'planned' | 'cancelled';
	holiday: boolean;
	cancelReason: string | null;
}): string {
	if (session.status === 'planned') return m.calendar_planned();
	const holiday = session.holiday && session.cancelReason ? holidays[session.cancelReason] : undefined;
	if (holiday) return m.calendar_cancelled_holiday({ name: holiday() });
	if (session.cancelReason === 'day_off') return m.calendar_cancelled_day_off();
	return m.calendar_cancelled({ reason: session.cancelReason ?? '' });
}

const attendance = {
	present: m.attendance_present,
	excused: m.attendance_excused,
	absent: m.attendance_absent
};

export const attendanceLabel = (value: keyof typeof attendance): string => attendance[value]();
export const ATTENDANCE_VALUES = ['present', 'excused', 'absent'] as const;
