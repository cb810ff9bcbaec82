/**
 * Form input for groups, the calendar, sessions and home practice. Messages are form-error keys. The
 * schemas' keys are English; the pages' Dutch field names are mapped onto them where the form is
 * read (`namedFields` of ../form-fields, with the names beside each schema).
 */
import { z } from 'zod';
import { parseDaysOff, type DayRange } from '$lib/domain/calendar';
import { namedFields } from '../form-fields';
import { calendarDay, parseForm, sentValues, type FormErrors, type Parsed } from '../forms';
import { freeText, lineText, uuid as uuidOf } from '../input';
import { CANCEL_REASON_MAX, NOTES_MAX, TOPIC_MAX, type AttendanceStatus } from './group-calendar/commands';
import {
	FEEDBACK_MAX,
	MAX_CHOICES,
	PRACTICE_ANSWER_MAX,
	PRACTICE_TEXT_MAX,
	type PracticeInput
} from './home-practice/commands';

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

/** A new group's fields (the days-off box is read line by line beside it, in parseNewGroup). */
export const newGroupInput = z
	.object({
		name: lineText(100, { required: 'name_required' }),
		location: lineText(200, { required: 'location_required' }),
		weekday: z
			.string({ error: 'weekday_required' })
			.regex(/^[1-7]$/, 'weekday_required')
			.transform(Number),
		startTime: clockTime,
		startDate: calendarDay,
		endDate: z
			.string()
			.default('')
			.pipe(z.union([z.literal(''), calendarDay]))
			.transform((value) => (value === '' ? null : value)),
		skipPublicHolidays: z
			.string()
			.optional()
			.transform((value) => value === 'on'),
		daysOff: freeText(3000),
		/** The chosen trainers (checkboxes of one name). */
		trainerIds: z.array(uuid).max(50, 'invalid')
	})
	.refine((group) => !group.endDate || group.endDate >= group.startDate, {
		path: ['endDate'],
		message: 'end_before_start'
	});

/** The "new group" page's field names for newGroupInput's keys. */
const newGroupFields = namedFields(newGroupInput, {
	name: 'naam',
	location: 'locatie',
	weekday: 'weekdag',
	startTime: 'tijd',
	startDate: 'startdatum',
	endDate: 'einddatum',
	skipPublicHolidays: 'feestdagen',
	daysOff: 'vrije_dagen',
	trainerIds: 'trainer'
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

/** The "new group" form: fields, the chosen trainers (checkboxes "trainer") and the days-off box. */
export function parseNewGroup(form: FormData): Parsed<NewGroupForm> & {
	/** What was sent, to show again also when the group cannot be made. */
	values: Record<string, string>;
	lists: Record<string, string[]>;
	daysOffLine?: number;
} {
	const parsed = parseForm(newGroupFields, form, { lists: ['trainer'] });
	const sent = sentValues(form, ['trainer']);
	const daysOff = parseDaysOff(parsed.ok ? parsed.data.daysOff : (sent.values.vrije_dagen ?? ''));
	if (!parsed.ok || !daysOff.ok) {
		const errors: FormErrors = parsed.ok ? {} : { ...parsed.errors };
		if (!daysOff.ok)
			errors.vrije_dagen = daysOff.reason === 'range_reversed' ? 'period_reversed' : 'date_invalid';
		return { ok: false, ...sent, errors, daysOffLine: daysOff.ok ? undefined : daysOff.line };
	}
	return { ok: true, ...sent, data: { ...parsed.data, daysOff: daysOff.ranges } };
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

/** "Everyone was there" for one session (the others keep the mark they have). */
export const everyonePresentInput = z.object({ sessionId: uuid });

const ATTENDANCE_FIELD = 'aanwezig-';
const attendanceStatus = z.enum(['present', 'excused', 'absent'] satisfies AttendanceStatus[]);

/**
 * The attendance form: one radio group per participant, named `aanwezig-<person id>`, read into a
 * mark per person. Any wrong name or value refuses the whole form (reported under "form").
 */
export const attendanceInput = z.record(z.string(), z.unknown()).transform((fields, context) => {
	const marks = new Map<string, AttendanceStatus>();
	for (const [field, value] of Object.entries(fields)) {
		if (!field.startsWith(ATTENDANCE_FIELD)) continue;
		const personId = uuid.safeParse(field.slice(ATTENDANCE_FIELD.length));
		const status = attendanceStatus.safeParse(value);
		if (!personId.success || !status.success) {
			context.addIssue({ code: 'custom', message: 'invalid', path: ['form'] });
			return z.NEVER;
		}
		marks.set(personId.data, status.data);
	}
	return marks;
});

const PRACTICE_STEP = /^(\d{1,2}):([a-z0-9-]{1,100})$/;

const choiceLines = (choices: string) =>
	choices
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');

/**
 * The "give home practice" form: a module exercise ("<module>:<step key>") or the trainer's own text,
 * answered in text or by choosing from 2–6 choices (one per line).
 */
export const practiceInput = z
	.object({
		source: z.enum(['step', 'own'], { error: 'invalid' }),
		step: z.string().default(''),
		text: freeText(PRACTICE_TEXT_MAX),
		answerKind: z.enum(['text', 'choice'], { error: 'invalid' }),
		choices: freeText(1000)
	})
	.superRefine((input, context) => {
		const problem = (path: string, message: string) =>
			context.addIssue({ code: 'custom', path: [path], message });
		if (input.source === 'step' && !PRACTICE_STEP.test(input.step)) problem('step', 'step_required');
		if (input.source === 'own' && input.text === '') problem('text', 'text_required');
		const choices = choiceLines(input.choices);
		// A choice that is too long says so first; then whether there are enough.
		if (choices.some((choice) => choice.length > 100)) problem('choices', 'too_long');
		if (input.answerKind === 'choice' && (choices.length < 2 || choices.length > MAX_CHOICES))
			problem('choices', 'choices_count');
	})
	.transform((input): PracticeInput => {
		const step = PRACTICE_STEP.exec(input.step);
		return {
			source:
				input.source === 'step' && step
					? { kind: 'step', moduleNumber: Number(step[1]), stepKey: step[2]! }
					: { kind: 'own', text: input.text },
			answerKind: input.answerKind,
			choices: [...new Set(choiceLines(input.choices))]
		};
	});

export const feedbackInput = z.object({
	practiceId: uuid,
	participantId: uuid,
	feedback: freeText(FEEDBACK_MAX, { required: 'feedback_required' })
});

export const answerInput = z.object({
	practiceId: uuid,
	answer: freeText(PRACTICE_ANSWER_MAX, { required: 'answer_required' })
});
