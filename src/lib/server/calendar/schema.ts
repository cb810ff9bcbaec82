/**
 * Form input for groups, the calendar, sessions and home practice. Messages are form-error keys. The
 * schemas' keys are English; the pages' Dutch field names are mapped onto them where the form is
 * read (`namedFields` of ../form-fields, with the names beside each schema).
 */
import { z } from 'zod';
import { parseDaysOff, type DayRange } from '$lib/domain/calendar';
import { calendarDay, parseForm, type FormErrors, type Parsed } from '../forms';
import { freeText, lineText, uuid as uuidOf } from '../input';
import { CANCEL_REASON_MAX, NOTES_MAX, TOPIC_MAX, type AttendanceStatus } from './calendar';
import {
	FEEDBACK_MAX,
	MAX_CHOICES,
	PRACTICE_ANSWER_MAX,
	PRACTICE_TEXT_MAX,
	type PracticeInput
} from './home-practice';

const uuid = uuidOf('invalid');
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid');
const optionalText = (max: number) => freeText(max);

export const moveInput = z.object({ sessionId: uuid, date: calendarDay, time: clockTime });
export const cancelInput = z.object({
	sessionId: uuid,
	reason: freeText(CANCEL_REASON_MAX, { required: 'reason_required' })
});
export const restoreInput = z.object({ sessionId: uuid });
export const addInput = z.object({ date: calendarDay, time: clockTime, topic: optionalText(TOPIC_MAX) });

export const planInput = z.object({
	moduleNumber: z
		.string()
		.default('')
		.refine((value) => value === '' || /^(?:[1-9]|1[0-9])$/.test(value), 'invalid')
		.transform((value) => (value === '' ? null : Number(value))),
	topic: optionalText(TOPIC_MAX),
	notes: optionalText(NOTES_MAX)
});

const groupFields = z
	.object({
		naam: lineText(100, { required: 'name_required' }),
		locatie: lineText(200, { required: 'location_required' }),
		weekdag: z
			.string({ error: 'weekday_required' })
			.regex(/^[1-7]$/, 'weekday_required')
			.transform(Number),
		tijd: clockTime,
		startdatum: calendarDay,
		einddatum: z
			.string()
			.default('')
			.pipe(z.union([z.literal(''), calendarDay]))
			.transform((value) => (value === '' ? null : value)),
		feestdagen: z.string().optional(),
		vrije_dagen: freeText(3000)
	})
	.refine((group) => !group.einddatum || group.einddatum >= group.startdatum, {
		path: ['einddatum'],
		message: 'end_before_start'
	});

export interface NewGroupForm {
	name: string;
	location: string;
	weekday: number;
	startTime: string;
	startDate: string;
	endDate: string | null;
	trainerIds: string[];
	skipPublicHolidays: boolean;
	daysOff: DayRange[];
}

/** The "new group" form: fields, the chosen trainers (checkboxes) and the days-off box. */
export function parseNewGroup(form: FormData): Parsed<NewGroupForm> & { daysOffLine?: number } {
	const parsed = parseForm(groupFields, form);
	const trainerIds = form.getAll('trainer').filter((value): value is string => typeof value === 'string');
	const daysOff = parseDaysOff(String(form.get('vrije_dagen') ?? ''));
	const errors: FormErrors = parsed.ok ? {} : { ...parsed.errors };
	if (trainerIds.some((id) => !uuid.safeParse(id).success)) errors.trainer = 'invalid';
	if (!daysOff.ok)
		errors.vrije_dagen = daysOff.reason === 'range_reversed' ? 'period_reversed' : 'date_invalid';
	if (!parsed.ok || Object.keys(errors).length > 0 || !daysOff.ok) {
		const values: Record<string, string> = {};
		for (const [key, value] of form.entries())
			if (typeof value === 'string' && key !== 'trainer') values[key] ??= value;
		return { ok: false, values, errors, daysOffLine: daysOff.ok ? undefined : daysOff.line };
	}
	const data = parsed.data;
	return {
		ok: true,
		data: {
			name: data.naam,
			location: data.locatie,
			weekday: data.weekdag,
			startTime: data.tijd,
			startDate: data.startdatum,
			endDate: data.einddatum,
			trainerIds,
			skipPublicHolidays: data.feestdagen === 'on',
			daysOff: daysOff.ranges
		}
	};
}

/** The "generate a calendar" form: whether to skip public holidays (a checkbox) and the days-off box. */
export const calendarOptionsInput = z.object({
	skipPublicHolidays: z
		.string()
		.optional()
		.transform((value) => value === 'on'),
	daysOff: freeText(3000)
});

/** Options for generating a calendar for a group that has none, or the days-off line that is wrong. */
export function calendarOptionsOf(input: z.output<typeof calendarOptionsInput>) {
	const daysOff = parseDaysOff(input.daysOff);
	if (!daysOff.ok)
		return {
			ok: false as const,
			error: daysOff.reason === 'range_reversed' ? 'period_reversed' : 'date_invalid',
			line: daysOff.line
		};
	return {
		ok: true as const,
		options: { skipPublicHolidays: input.skipPublicHolidays, daysOff: daysOff.ranges }
	};
}

const statuses = new Set<string>(['present', 'excused', 'absent']);

/** The attendance form: one radio group per participant, named `aanwezig-<person id>`. */
export function parseAttendance(form: FormData): Map<string, AttendanceStatus> | null {
	const marks = new Map<string, AttendanceStatus>();
	for (const [key, value] of form.entries()) {
		if (!key.startsWith('aanwezig-')) continue;
		const personId = key.slice('aanwezig-'.length);
		if (typeof value !== 'string' || !statuses.has(value) || !uuid.safeParse(personId).success) return null;
		marks.set(personId, value as AttendanceStatus);
	}
	return marks;
}

const practiceFields = z.object({
	bron: z.enum(['step', 'own'], { error: 'invalid' }),
	stap: z.string().default(''),
	tekst: freeText(PRACTICE_TEXT_MAX),
	antwoord: z.enum(['text', 'choice'], { error: 'invalid' }),
	keuzes: freeText(1000)
});

/** The "give home practice" form. */
export function parsePractice(form: FormData): Parsed<PracticeInput> {
	const parsed = parseForm(practiceFields, form);
	if (!parsed.ok) return parsed;
	const { bron, stap, tekst, antwoord, keuzes } = parsed.data;
	const values = Object.fromEntries(
		[...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
	);
	const errors: FormErrors = {};
	const step = /^(\d{1,2}):([a-z0-9-]{1,100})$/.exec(stap);
	if (bron === 'step' && !step) errors.stap = 'step_required';
	if (bron === 'own' && tekst === '') errors.tekst = 'text_required';
	const choices = keuzes
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	if (antwoord === 'choice' && (choices.length < 2 || choices.length > MAX_CHOICES))
		errors.keuzes = 'choices_count';
	if (choices.some((choice) => choice.length > 100)) errors.keuzes = 'too_long';
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		data: {
			source:
				bron === 'step'
					? { kind: 'step', moduleNumber: Number(step![1]), stepKey: step![2]! }
					: { kind: 'own', text: tekst },
			answerKind: antwoord,
			choices: [...new Set(choices)]
		}
	};
}

export const feedbackInput = z.object({
	practiceId: uuid,
	participantId: uuid,
	feedback: freeText(FEEDBACK_MAX, { required: 'feedback_required' })
});

export const answerInput = z.object({
	practiceId: uuid,
	answer: freeText(PRACTICE_ANSWER_MAX, { required: 'answer_required' })
});
