/**
 * The toolbox's and the network's forms, as their pages parse them: whatever is sent (NUL bytes,
 * control characters, half characters, bidi overrides, huge text, fields that are no fields), the
 * parse never throws, and a refusal names each field with a message the page translates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formErrorTexts } from '$lib/form-error-texts';
import { errorText, useFormErrorTexts } from '$lib/form-errors';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { networkForms } from './network/schema';
import { planForms } from './plan/schema';
import { sharingForms } from './sharing/schema';
import { toolboxForms } from './toolbox/schema';

// The server has the texts from the start (src/hooks.server.ts).
useFormErrorTexts(formErrorTexts);
const hostile = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 80 }),
	fc.constantFrom(
		'hallo\u0000',
		'\u0000',
		'a\u0001b\u001b[31m\u007f\u0085',
		'half \uD800 teken',
		'\uDC00',
		'Anna\u202Egpj.exe\u202C',
		'\u2066omgekeerd\u2069',
		'x'.repeat(100_000),
		'😀'.repeat(3000),
		'e\u0301\r\nregel\r',
		'<script>alert(1)</script>',
		'constructor',
		'__proto__',
		'1e400',
		'-1',
		'6',
		'ja',
		'daily',
		'talk',
		'wandelen'
	)
);

/** A form with some of `fields` (each once or a few times) holding hostile values, and a stray field. */
const sentForm = (fields: string[]) =>
	fc
		.tuple(
			fc.array(fc.tuple(fc.constantFrom(...fields, 'onbekend', '__proto__'), hostile), { maxLength: 8 }),
			fc.boolean()
		)
		.map(([entries, asQuery]) => {
			const form = asQuery ? new URLSearchParams() : new FormData();
			for (const [name, value] of entries) form.append(name, value);
			return form;
		});

const generic = m.error_400_text();

/** Every refusal is a message the page has words for, under a field that was sent or the form has. */
function expectTranslated(
	result: ReturnType<typeof parseForm>,
	fields: string[],
	form: FormData | URLSearchParams
) {
	if (result.ok) return;
	const named = new Set([...fields, ...form.keys(), 'form']);
	for (const [field, key] of Object.entries(result.errors)) {
		expect(named.has(field), field).toBe(true);
		expect(errorText(key), `${field}: ${key}`).not.toBe(generic);
	}
}

describe('the toolbox forms', () => {
	const cases: [string, (typeof toolboxForms)[keyof typeof toolboxForms], string[]][] = [
		['add an idea', toolboxForms.addSuggestion, ['idee']],
		['own words', toolboxForms.own, ['tekst']],
		['rating', toolboxForms.rate, ['cijfer']],
		['taking out', toolboxForms.remove, ['zeker']]
	];
	for (const [name, schema, fields] of cases)
		it(`${name}: never throws, and refuses with a translated message`, () => {
			fc.assert(
				fc.property(sentForm(fields), (form) => {
					expectTranslated(parseForm(schema, form), fields, form);
				}),
				{ numRuns: 300 }
			);
		});

	it('takes well-formed input as it is meant', () => {
		const form = (entries: Record<string, string>) => new URLSearchParams(entries);
		expect(parseForm(toolboxForms.own, form({ tekst: '  Mijn kat aaien ' }))).toEqual({
			ok: true,
			data: { text: 'Mijn kat aaien' }
		});
		expect(parseForm(toolboxForms.rate, form({ cijfer: '4' }))).toEqual({ ok: true, data: { rating: 4 } });
		expect(parseForm(toolboxForms.rate, form({ cijfer: '6' }))).toMatchObject({
			ok: false,
			errors: { cijfer: 'toolbox_rating_required' }
		});
		expect(parseForm(toolboxForms.own, form({ tekst: '   ' }))).toMatchObject({
			ok: false,
			errors: { tekst: 'toolbox_text_required' },
			values: { tekst: '   ' }
		});
		expect(parseForm(toolboxForms.own, form({ tekst: 'x'.repeat(121) }))).toMatchObject({
			errors: { tekst: 'too_long' }
		});
		expect(parseForm(toolboxForms.own, form({ tekst: 'a\u202Eb' }))).toMatchObject({
			errors: { tekst: 'invalid_characters' }
		});
		expect(parseForm(toolboxForms.remove, form({}))).toEqual({ ok: true, data: { confirmed: false } });
		expect(parseForm(toolboxForms.remove, form({ zeker: 'ja' }))).toEqual({
			ok: true,
			data: { confirmed: true }
		});
	});
});

describe('the network form', () => {
	const fields = ['naam', 'steun', 'contact'];

	it('never throws, and refuses with a translated message', () => {
		fc.assert(
			fc.property(sentForm(fields), (form) => {
				expectTranslated(parseForm(networkForms.supporter, form, { lists: ['steun'] }), fields, form);
				expectTranslated(parseForm(networkForms.remove, form), ['zeker'], form);
			}),
			{ numRuns: 300 }
		);
	});

	it('reads one or more kinds of support, each once, and keeps what was ticked and typed when refused', () => {
		const form = new URLSearchParams([
			['naam', ' Mijn zus '],
			['steun', 'crisis'],
			['steun', 'talk'],
			['steun', 'crisis'],
			['contact', 'daily']
		]);
		expect(parseForm(networkForms.supporter, form, { lists: ['steun'] })).toEqual({
			ok: true,
			data: { name: 'Mijn zus', kinds: ['talk', 'crisis'], frequency: 'daily' }
		});
		const none = parseForm(networkForms.supporter, new URLSearchParams([['naam', 'Sam']]), {
			lists: ['steun']
		});
		expect(none).toMatchObject({
			ok: false,
			errors: { steun: 'network_kind_required', contact: 'network_frequency_required' },
			values: { naam: 'Sam' },
			lists: { steun: [] }
		});
		const wrong = parseForm(
			networkForms.supporter,
			new URLSearchParams([
				['naam', 'Sam'],
				['steun', 'geld'],
				['contact', 'yearly']
			]),
			{ lists: ['steun'] }
		);
		expect(wrong).toMatchObject({
			ok: false,
			errors: { steun: 'network_kind_required', contact: 'network_frequency_required' }
		});
	});
});

describe('the plan and sharing forms', () => {
	const cases: [
		string,
		(typeof planForms)[keyof typeof planForms] | (typeof sharingForms)[keyof typeof sharingForms],
		string[]
	][] = [
		["a plan screen's answer", planForms.answer, ['antwoord', 'begeleiding', 'huisarts', 'ander']],
		['the review period', planForms.review, ['maanden']],
		['the care-team switch', planForms.careTeam, ['begeleiding']],
		['an invitation', sharingForms.invite, ['naam', 'hoe', 'email', 'doel']],
		['a link', sharingForms.link, ['naaste']],
		['the goal switch', sharingForms.goal, ['naaste', 'doel']],
		["the naaste's ending", sharingForms.end, ['verbinding']]
	];
	for (const [name, schema, fields] of cases)
		it(`${name}: never throws, and refuses with a translated message`, () => {
			fc.assert(
				fc.property(sentForm(fields), (form) => {
					expectTranslated(parseForm(schema, form), fields, form);
				}),
				{ numRuns: 300 }
			);
		});

	it('takes well-formed input as it is meant', () => {
		const form = (entries: Record<string, string>) => new URLSearchParams(entries);
		expect(
			parseForm(sharingForms.invite, form({ naam: 'Ria', hoe: 'email', email: 'Ria@Example.org' }))
		).toEqual({
			ok: true,
			data: { name: 'Ria', how: 'email', email: 'ria@example.org', shareGoal: false }
		});
		expect(parseForm(sharingForms.invite, form({ naam: 'Ria', hoe: 'email' }))).toMatchObject({
			ok: false,
			errors: { email: 'email_required' }
		});
		expect(parseForm(sharingForms.invite, form({ naam: 'Kees', hoe: 'card', email: 'geen' }))).toMatchObject({
			ok: true,
			data: { email: null }
		});
		expect(parseForm(planForms.answer, form({ antwoord: 'x'.repeat(2001) }))).toMatchObject({
			errors: { antwoord: 'plan_answer_too_long' }
		});
		expect(parseForm(planForms.review, form({ maanden: '25' }))).toMatchObject({
			errors: { maanden: 'plan_review_months' }
		});
	});
});
