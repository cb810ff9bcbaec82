import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imrScale } from './imr-scale';
import {
	EXTENSION,
	nextItemIndex,
	parseQuestionnaire,
	previousItemIndex,
	readQuestionnaire,
	scoreResponse,
	type Answers,
	type Questionnaire
} from './questionnaire';

function read(resource: unknown): Questionnaire {
	const result = readQuestionnaire(resource);
	if (!result.ok) throw new Error(`${result.problem.key} at ${result.problem.where}`);
	return result.questionnaire;
}

const participant = read(imrScale('participant'));
const clinician = read(imrScale('clinician'));

/** Answers giving every scored item the option with this position (1 = first shown). */
function allAt(questionnaire: Questionnaire, position: number, medication = true): Answers {
	const answers: Answers = { '13a': medication ? '1' : '2' };
	for (const item of questionnaire.items) if (item.scored) answers[item.linkId] = String(position);
	if (!medication) delete answers['13'];
	return answers;
}

describe('the shipped IMR Scale', () => {
	it('has 15 scored items, three factors and the medication question, in both versions', () => {
		for (const scale of [participant, clinician]) {
			expect(scale.items.filter((item) => item.scored)).toHaveLength(15);
			expect(scale.factors.map((factor) => factor.code)).toEqual([
				'coping',
				'knowledge_goals',
				'medication_substances'
			]);
			expect(scale.ownWording).toBe(true);
			expect(scale.items.every((item) => item.text.nl !== item.text.en)).toBe(true);
			expect(scale.items.find((item) => item.linkId === '13')?.enableWhen).toEqual([
				{ question: '13a', operator: '=', answer: '1' }
			]);
		}
		expect(participant.purpose).toBe('imr_participant');
		expect(clinician.purpose).toBe('imr_clinician');
	});

	it('scores every item 1 for the first answer shown and 5 for the last, also the reversed ones', () => {
		const worst = scoreResponse(participant, allAt(participant, 1));
		const best = scoreResponse(participant, allAt(participant, 5));
		expect(worst.mean).toBe(1);
		expect(best.mean).toBe(5);
		expect(Object.values(worst.items).every((score) => score === 1)).toBe(true);
		expect(best.factors.map((factor) => factor.mean)).toEqual([5, 5, 5]);
	});
});

describe('scoring', () => {
	const cases: {
		name: string;
		answers: (q: Questionnaire) => Answers;
		mean: number | null;
		reason?: string;
	}[] = [
		{ name: 'all answered, middle', answers: (q) => allAt(q, 3), mean: 3 },
		{
			name: 'three of 15 missing (12 answered) is still scored',
			answers: (q) => {
				const answers = allAt(q, 4);
				delete answers['1'];
				delete answers['2'];
				delete answers['3'];
				return answers;
			},
			mean: 4
		},
		{
			name: 'four missing (11 of 15) is not scored',
			answers: (q) => {
				const answers = allAt(q, 4);
				for (const id of ['1', '2', '3', '4']) delete answers[id];
				return answers;
			},
			mean: null,
			reason: 'too_few_answers'
		},
		{
			name: 'no medication: 14 items count, 12 answers needed',
			answers: (q) => {
				const answers = allAt(q, 2, false);
				delete answers['1'];
				delete answers['2'];
				return answers;
			},
			mean: 2
		},
		{
			name: 'an answer to item 13 without medication does not count',
			answers: (q) => ({ ...allAt(q, 2, false), '13': '5' }),
			mean: 2
		},
		{ name: 'nothing answered', answers: () => ({}), mean: null, reason: 'too_few_answers' }
	];
	for (const test of cases)
		it(test.name, () => {
			const score = scoreResponse(participant, test.answers(participant));
			expect(score.mean).toBe(test.mean);
			expect(score.reason).toBe(test.reason ?? null);
		});

	it('reverses a reverse-scored item: the first answer of item 6 (very much bother) scores 1', () => {
		const item6 = participant.items.find((item) => item.linkId === '6')!;
		expect(item6.reverse).toBe(true);
		expect(item6.options[0]!.value).toBe(5);
		expect(scoreResponse(participant, { '6': '1' }).items['6']).toBe(1);
		expect(scoreResponse(participant, { '6': '5' }).items['6']).toBe(5);
	});

	it('scores a factor by its own items, with the same 80 % rule', () => {
		const answers = allAt(participant, 5);
		answers['14'] = '1';
		delete answers['15'];
		const score = scoreResponse(participant, answers);
		const medication = score.factors.find((factor) => factor.code === 'medication_substances')!;
		expect(medication).toMatchObject({ mean: null, answered: 2, counted: 3, needed: 3 });
		const coping = score.factors.find((factor) => factor.code === 'coping')!;
		expect(coping).toMatchObject({ mean: 5, answered: 7, counted: 7 });
	});

	it('rounds the mean to two decimals', () => {
		const answers = allAt(participant, 3);
		answers['1'] = '4';
		expect(scoreResponse(participant, answers).mean).toBe(3.07);
	});
});

describe('moving through the items', () => {
	it('skips the medication item when no medicine is prescribed, forward and back', () => {
		const at13a = participant.items.findIndex((item) => item.linkId === '13a');
		const next = nextItemIndex(participant, { '13a': '2' }, at13a)!;
		expect(participant.items[next]!.linkId).toBe('14');
		expect(participant.items[previousItemIndex(participant, { '13a': '2' }, next)!]!.linkId).toBe('13a');
		expect(participant.items[nextItemIndex(participant, { '13a': '1' }, at13a)!]!.linkId).toBe('13');
		expect(nextItemIndex(participant, {}, participant.items.length - 1)).toBeNull();
		expect(previousItemIndex(participant, {}, 0)).toBeNull();
	});
});

/** A small valid definition to break in the import tests. */
function small() {
	return {
		resourceType: 'Questionnaire',
		url: 'https://example.org/q/small',
		version: '2',
		title: 'Klein',
		extension: [
			{
				url: EXTENSION.factor,
				extension: [
					{ url: 'code', valueCode: 'f' },
					{ url: 'title', valueString: 'Factor' }
				]
			}
		],
		item: [
			{
				linkId: 'a',
				text: 'Vraag a',
				type: 'choice',
				required: true,
				extension: [{ url: EXTENSION.itemFactor, valueCode: 'f' }],
				answerOption: [1, 2, 3].map((value) => ({
					extension: [{ url: EXTENSION.ordinalValue, valueDecimal: value }],
					valueCoding: { code: `c${value}`, display: `Antwoord ${value}` }
				}))
			},
			{
				linkId: 'b',
				text: 'Vraag b',
				type: 'choice',
				enableWhen: [{ question: 'a', operator: '!=', answerCoding: { code: 'c1' } }],
				answerOption: [
					{ valueCoding: { code: 'ja', display: 'Ja' } },
					{ valueCoding: { code: 'nee', display: 'Nee' } }
				]
			}
		]
	};
}

describe('importing a definition', () => {
	it('reads a small definition, with the text in both languages from one', () => {
		const questionnaire = read(small());
		expect(questionnaire.items.map((item) => [item.linkId, item.scored])).toEqual([
			['a', true],
			['b', false]
		]);
		expect(questionnaire.title).toEqual({ nl: 'Klein', en: 'Klein' });
		expect(questionnaire.purpose).toBe('other');
	});

	type Change = (definition: ReturnType<typeof small>) => unknown;
	const broken: [string, Change, string, string][] = [
		[
			'not a questionnaire',
			(d) => ({ ...d, resourceType: 'Patient' }),
			'questionnaire_not_questionnaire',
			'resourceType'
		],
		['no url', (d) => ({ ...d, url: '' }), 'questionnaire_url_missing', 'url'],
		['no version', (d) => ({ ...d, version: undefined }), 'questionnaire_version_missing', 'version'],
		['no items', (d) => ({ ...d, item: [] }), 'questionnaire_no_items', 'item'],
		[
			'a duplicate linkId',
			(d) => ({ ...d, item: [d.item[0], d.item[0]] }),
			'questionnaire_item_duplicate',
			'a'
		],
		[
			'an unknown type',
			(d) => ({ ...d, item: [{ ...d.item[0], type: 'integer' }] }),
			'questionnaire_item_type',
			'a'
		],
		[
			'one option',
			(d) => ({ ...d, item: [{ ...d.item[0], answerOption: [d.item[0]!.answerOption[0]] }] }),
			'questionnaire_item_options',
			'a'
		],
		[
			'scores on some options only',
			(d) => ({
				...d,
				item: [
					{
						...d.item[0],
						answerOption: [...d.item[0]!.answerOption, { valueCoding: { code: 'x', display: 'X' } }]
					}
				]
			}),
			'questionnaire_item_scores',
			'a'
		],
		[
			'enableWhen on a later item',
			(d) => ({ ...d, item: [d.item[1], d.item[0]] }),
			'questionnaire_item_enable_when',
			'b'
		],
		['a factor nobody defined', (d) => ({ ...d, extension: [] }), 'questionnaire_item_factor', 'a'],
		[
			'a control character in a text',
			(d) => ({ ...d, item: [{ ...d.item[0], text: 'a\u0000b' }] }),
			'questionnaire_item_text',
			'a'
		]
	];
	for (const [name, change, key, where] of broken)
		it(`says what is wrong and where: ${name}`, () => {
			const result = readQuestionnaire(change(small()));
			expect(result).toEqual({ ok: false, problem: { key, where } });
		});

	it('refuses text that is not JSON, and text that is too large', () => {
		expect(parseQuestionnaire('{ "resourceType": ')).toEqual({
			ok: false,
			problem: { key: 'questionnaire_not_json', where: '' }
		});
		expect(parseQuestionnaire(' '.repeat(300_000))).toMatchObject({ ok: false });
	});

	it('never throws, whatever JSON it is given', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				const result = readQuestionnaire(value);
				expect(typeof result.ok).toBe('boolean');
			}),
			{ numRuns: 300 }
		);
	});

	it('never throws on a definition with any item changed into anything', () => {
		fc.assert(
			fc.property(
				fc.nat(1),
				fc.dictionary(
					fc.constantFrom(
						'linkId',
						'text',
						'type',
						'answerOption',
						'enableWhen',
						'required',
						'extension',
						'enableBehavior'
					),
					fc.jsonValue()
				),
				(index, change) => {
					const definition = small();
					const items = definition.item.map((item, at) => (at === index ? { ...item, ...change } : item));
					const result = readQuestionnaire({ ...definition, item: items });
					if (!result.ok) expect(result.problem.key).toMatch(/^questionnaire_/);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('reads back what it accepts: every accepted scored item has options with values', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: -5, max: 10 }), { minLength: 2, maxLength: 6 }), (values) => {
				const definition = small();
				const options = values.map((value, at) => ({
					extension: [{ url: EXTENSION.ordinalValue, valueDecimal: value }],
					valueCoding: { code: `o${at}`, display: `O ${at}` }
				}));
				const result = readQuestionnaire({
					...definition,
					item: [{ ...definition.item[0], answerOption: options }]
				});
				expect(result.ok).toBe(true);
				if (result.ok) {
					const item = result.questionnaire.items[0]!;
					const scores = options.map(
						(option) => scoreResponse(result.questionnaire, { a: option.valueCoding.code }).items.a
					);
					expect(scores).toEqual(item.options.map((option) => option.value));
				}
			})
		);
	});
});
