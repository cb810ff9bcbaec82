import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorText } from '$lib/form-errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { attendanceInput, parseNewGroup, practiceInput } from './schema';

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [key, value] of entries) form.append(key, value);
	return form;
}

const trainerId = '0155596e-9469-4862-8375-f3819461c926';
const validGroup: [string, string][] = [
	['naam', ' Herstelgroep Oost '],
	['locatie', 'Zaal 1'],
	['weekdag', '2'],
	['tijd', '13:30'],
	['startdatum', '2027-01-05'],
	['einddatum', ''],
	['trainer', trainerId],
	['feestdagen', 'on'],
	['vrije_dagen', '2027-02-15 t/m 2027-02-19']
];

const groupKeys = [
	'naam',
	'locatie',
	'weekdag',
	'tijd',
	'startdatum',
	'einddatum',
	'trainer',
	'feestdagen',
	'vrije_dagen'
];
const anyEntries = (keys: string[]) =>
	fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string()), fc.string({ maxLength: 60 })), {
		maxLength: 15
	});

describe('the new-group form', () => {
	it('reads a valid group with its trainers and days off', () => {
		expect(parseNewGroup(formOf(validGroup))).toMatchObject({
			ok: true,
			lists: { trainer: [trainerId] },
			data: {
				name: 'Herstelgroep Oost',
				location: 'Zaal 1',
				weekday: 2,
				startTime: '13:30',
				startDate: '2027-01-05',
				endDate: null,
				trainerIds: [trainerId],
				skipPublicHolidays: true,
				daysOff: [{ from: '2027-02-15', to: '2027-02-19' }]
			}
		});
	});

	it('names each wrong field, keeps what was typed, and says which days-off line is wrong', () => {
		const parsed = parseNewGroup(
			formOf([
				['naam', ''],
				['weekdag', '8'],
				['tijd', '24:00'],
				['startdatum', '2027-01-05'],
				['einddatum', '2027-01-01'],
				['vrije_dagen', '2027-02-15\nkerstvakantie']
			])
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toMatchObject({
			naam: 'name_required',
			locatie: 'location_required',
			weekdag: 'weekday_required',
			tijd: 'time_invalid',
			vrije_dagen: 'date_invalid'
		});
		expect(parsed.daysOffLine).toBe(2);
		expect(parsed.values.vrije_dagen).toBe('2027-02-15\nkerstvakantie');
	});

	it('reads every chosen trainer, and refuses a trainer value that is no id', () => {
		const second = '5f0c3f0e-2b8a-4d59-9a51-6a4c0f3c9b11';
		const parsed = parseNewGroup(formOf([...validGroup, ['trainer', second]]));
		expect(parsed.ok && parsed.data.trainerIds).toEqual([trainerId, second]);
		const wrong = parseNewGroup(formOf([...validGroup, ['trainer', '../x']]));
		expect(wrong.ok ? null : wrong.errors.trainer).toBe('invalid');
		expect(wrong.lists.trainer).toEqual([trainerId, '../x']);
	});

	it('refuses an end date before the start', () => {
		const parsed = parseNewGroup(
			formOf(validGroup.map(([key, value]) => [key, key === 'einddatum' ? '2026-12-31' : value]))
		);
		expect(parsed.ok ? null : parsed.errors.einddatum).toBe('end_before_start');
	});

	it('never throws, and every error it gives has a translated text', () => {
		fc.assert(
			fc.property(anyEntries(groupKeys), (entries) => {
				const parsed = parseNewGroup(formOf(entries));
				if (parsed.ok) return;
				for (const key of Object.values(parsed.errors))
					expect(errorText(key), String(key)).not.toBe(m.error_400_text());
			})
		);
	});
});

describe('the home-practice form', () => {
	it('reads a module exercise, or the trainer’s own words with 2–6 choices', () => {
		expect(
			parseForm(
				practiceInput,
				formOf([
					['source', 'step'],
					['step', '1:04-vraag-naar-je-sterke-kanten'],
					['answerKind', 'text']
				])
			)
		).toEqual({
			ok: true,
			data: {
				source: { kind: 'step', moduleNumber: 1, stepKey: '04-vraag-naar-je-sterke-kanten' },
				answerKind: 'text',
				choices: []
			}
		});
		const own = parseForm(
			practiceInput,
			formOf([
				['source', 'own'],
				['text', 'Wandel een kwartier.'],
				['answerKind', 'choice'],
				['choices', 'Gelukt\n\n Een beetje \nGelukt']
			])
		);
		expect(own).toMatchObject({ ok: true, data: { choices: ['Gelukt', 'Een beetje'] } });
	});

	it('asks for an exercise, a text, or more choices', () => {
		const parsed = parseForm(
			practiceInput,
			formOf([
				['source', 'own'],
				['text', '  '],
				['answerKind', 'choice'],
				['choices', 'Alleen deze']
			])
		);
		expect(parsed.ok ? null : parsed.errors).toEqual({ text: 'text_required', choices: 'choices_count' });
		const step = parseForm(
			practiceInput,
			formOf([
				['source', 'step'],
				['step', '../etc'],
				['answerKind', 'text']
			])
		);
		expect(step.ok ? null : step.errors).toEqual({ step: 'step_required' });
	});

	it('never throws on any input', () => {
		fc.assert(
			fc.property(anyEntries(['source', 'step', 'text', 'answerKind', 'choices']), (entries) => {
				const parsed = parseForm(practiceInput, formOf(entries));
				if (parsed.ok) expect(parsed.data.choices.length).toBeLessThanOrEqual(6);
			})
		);
	});
});

describe('the attendance form', () => {
	it('reads one status per participant and refuses anything else', () => {
		const marks = (entries: [string, string][]) => {
			const parsed = parseForm(attendanceInput, formOf(entries));
			return parsed.ok ? parsed.data : parsed.errors;
		};
		expect(marks([[`aanwezig-${trainerId}`, 'excused']])).toEqual(new Map([[trainerId, 'excused']]));
		expect(marks([[`aanwezig-${trainerId}`, 'maybe']])).toEqual({ form: 'invalid' });
		expect(marks([['aanwezig-../x', 'present']])).toEqual({ form: 'invalid' });
		expect(marks([[`aanwezig-${trainerId}`, 'present\u0000']])).toMatchObject({
			[`aanwezig-${trainerId}`]: 'invalid_characters'
		});
		expect(marks([['other', 'x']])).toEqual(new Map());
	});

	it('never throws on any input', () => {
		fc.assert(
			fc.property(anyEntries([`aanwezig-${trainerId}`, 'aanwezig-', 'form_key']), (entries) => {
				const parsed = parseForm(attendanceInput, formOf(entries));
				if (!parsed.ok) expect(Object.keys(parsed.errors).length).toBeGreaterThan(0);
			})
		);
	});
});
