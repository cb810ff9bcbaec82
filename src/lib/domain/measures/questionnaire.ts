/**
 * The questionnaire engine: definitions as data, shaped like a FHIR R4 `Questionnaire`, read into a
 * small model the pages and the scoring use. Pure; the server keeps definitions and answers
 * (server/measures) and the FHIR export writes them back out.
 *
 * What a definition may hold (everything else in it is kept but not used):
 * - `url` and `version` (together they name it; a new wording is a new version), `title`, `description`
 *   (the short "how this works" before the first question), `language` (`nl` or `en`);
 * - `item[]` of type `choice` (one answer from `answerOption[].valueCoding`, its score in the standard
 *   `ordinalValue` extension) or `display` (a text without an answer); `required`; `enableWhen` with
 *   `=`, `!=` or `exists` on an earlier choice item, and `enableBehavior`;
 * - Herstelpad's extensions (EXTENSION below): the purpose (which measure it is), the factors and each
 *   item's factors, reverse scoring, the share of answers needed for a score, and "our own wording";
 * - texts in the other language through the standard `translation` extension on `_title`, `_text`,
 *   `_description` and a coding's `_display`.
 *
 * Scoring (scoreResponse): an item's score is its option's ordinal value, reversed (lowest + highest −
 * value) for a reverse-scored item. Items switched off by `enableWhen` do not count. The mean item score
 * is given when at least `minAnswered` (default 80 %, so 12 of 15) of the counting items are answered;
 * otherwise "not scored" with the reason. A factor is scored by the same rule over its own items.
 */

export const EXTENSION = {
	purpose: 'https://herstelpad.nl/fhir/StructureDefinition/questionnaire-purpose',
	factor: 'https://herstelpad.nl/fhir/StructureDefinition/questionnaire-factor',
	minAnswered: 'https://herstelpad.nl/fhir/StructureDefinition/questionnaire-min-answered',
	ownWording: 'https://herstelpad.nl/fhir/StructureDefinition/questionnaire-own-wording',
	itemFactor: 'https://herstelpad.nl/fhir/StructureDefinition/item-factor',
	reverse: 'https://herstelpad.nl/fhir/StructureDefinition/item-reverse-scored',
	ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
	translation: 'http://hl7.org/fhir/StructureDefinition/translation'
} as const;

/** The measures Herstelpad schedules; an imported definition names one of these, or `other`. */
export const PURPOSES = ['imr_participant', 'imr_clinician', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export type Language = 'nl' | 'en';
export type Text = Record<Language, string>;

export interface AnswerOption {
	code: string;
	display: Text;
	/** The option's ordinal value as written (before reversing); null when the item is not scored. */
	value: number | null;
}

export interface EnableWhen {
	question: string;
	operator: '=' | '!=' | 'exists';
	/** The option code compared with (`=`, `!=`), or whether an answer should exist (`exists`). */
	answer: string | boolean;
}

export interface Item {
	linkId: string;
	type: 'choice' | 'display';
	text: Text;
	required: boolean;
	options: AnswerOption[];
	/** Whether the item's options carry scores: only then does it count towards the mean. */
	scored: boolean;
	reverse: boolean;
	factors: string[];
	enableWhen: EnableWhen[];
	enableBehavior: 'all' | 'any';
}

export interface Factor {
	code: string;
	title: Text;
}

export interface Questionnaire {
	url: string;
	version: string;
	title: Text;
	description: Text;
	purpose: Purpose;
	/** Wording written by Herstelpad, following the validated scale's domains (not the validated text). */
	ownWording: boolean;
	/** The share of counting items that must be answered for a score (0 < x ≤ 1). */
	minAnswered: number;
	factors: Factor[];
	items: Item[];
}

/** What is wrong with a definition: a message key, and the item (or field) it is about. */
export interface DefinitionProblem {
	key: QuestionnaireProblem;
	/** The item's linkId when the problem is in an item; otherwise the field's path. */
	where: string;
}

export const QUESTIONNAIRE_PROBLEMS = [
	'questionnaire_not_json',
	'questionnaire_not_questionnaire',
	'questionnaire_url_missing',
	'questionnaire_version_missing',
	'questionnaire_title_missing',
	'questionnaire_no_items',
	'questionnaire_too_many_items',
	'questionnaire_item_link_id',
	'questionnaire_item_duplicate',
	'questionnaire_item_text',
	'questionnaire_item_type',
	'questionnaire_item_options',
	'questionnaire_item_option_code',
	'questionnaire_item_scores',
	'questionnaire_item_enable_when',
	'questionnaire_item_factor',
	'questionnaire_factor',
	'questionnaire_purpose',
	'questionnaire_min_answered',
	'questionnaire_too_large'
] as const;
export type QuestionnaireProblem = (typeof QUESTIONNAIRE_PROBLEMS)[number];

export type ParseResult =
	{ ok: true; questionnaire: Questionnaire } | { ok: false; problem: DefinitionProblem };

/** Limits that keep one definition a questionnaire and not a book. */
export const LIMITS = {
	items: 100,
	options: 12,
	text: 1000,
	linkId: 64,
	code: 64,
	url: 300,
	bytes: 200_000
} as const;

class Problem extends Error {
	constructor(readonly problem: DefinitionProblem) {
		super(problem.key);
	}
}

const fail = (key: QuestionnaireProblem, where: string): never => {
	throw new Problem({ key, where });
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** A printable single string of at most `max` characters, or null. */
function cleanString(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text.length > 0 && text.length <= max && !CONTROL.test(text) ? text : null;
}

function extensions(element: unknown, url: string): Json[] {
	return isObject(element)
		? list(element.extension).filter((e): e is Json => isObject(e) && e.url === url)
		: [];
}

/** The text in the definition's language and, through a translation extension, in the other one. */
function textOf(
	value: unknown,
	element: unknown,
	language: Language,
	max: number = LIMITS.text
): Text | null {
	const main = cleanString(value, max);
	if (main === null) return null;
	const other: Language = language === 'nl' ? 'en' : 'nl';
	let translated: string | null = null;
	for (const translation of extensions(element, EXTENSION.translation)) {
		const parts = list(translation.extension).filter(isObject);
		const lang = parts.find((part) => part.url === 'lang')?.valueCode;
		const content = parts.find((part) => part.url === 'content')?.valueString;
		if (typeof lang === 'string' && lang.toLowerCase().startsWith(other))
			translated = cleanString(content, max);
	}
	return { [language]: main, [other]: translated ?? main } as Text;
}

function codeOf(value: unknown): string | null {
	const code = cleanString(value, LIMITS.code);
	return code !== null && CODE.test(code) ? code : null;
}

function parseFactors(resource: Json, language: Language): Factor[] {
	return extensions(resource, EXTENSION.factor).map((factor, index) => {
		const parts = list(factor.extension).filter(isObject);
		const code = codeOf(parts.find((part) => part.url === 'code')?.valueCode);
		const titlePart = parts.find((part) => part.url === 'title');
		const title = textOf(titlePart?.valueString, titlePart?._valueString, language, 200);
		if (code === null || title === null) fail('questionnaire_factor', `extension[${index}]`);
		return { code: code!, title: title! };
	});
}

function parseOption(raw: unknown, linkId: string, language: Language): AnswerOption {
	const coding = isObject(raw) ? raw.valueCoding : undefined;
	if (!isObject(coding)) return fail('questionnaire_item_options', linkId);
	const code = codeOf(coding.code);
	if (code === null) fail('questionnaire_item_option_code', linkId);
	const display = textOf(coding.display, coding._display, language, 300);
	if (display === null) fail('questionnaire_item_options', linkId);
	const ordinal = [
		...extensions(raw, EXTENSION.ordinalValue),
		...extensions(coding, EXTENSION.ordinalValue)
	][0];
	let value: number | null = null;
	if (ordinal) {
		const number = ordinal.valueDecimal ?? ordinal.valueInteger;
		if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > 1000)
			fail('questionnaire_item_scores', linkId);
		value = number as number;
	}
	return { code: code!, display: display!, value };
}

function parseEnableWhen(raw: unknown, linkId: string, earlier: Map<string, Item>): EnableWhen {
	if (!isObject(raw)) return fail('questionnaire_item_enable_when', linkId);
	const question = typeof raw.question === 'string' ? earlier.get(raw.question) : undefined;
	if (!question || question.type !== 'choice') return fail('questionnaire_item_enable_when', linkId);
	if (raw.operator === 'exists') {
		if (typeof raw.answerBoolean !== 'boolean') fail('questionnaire_item_enable_when', linkId);
		return { question: question.linkId, operator: 'exists', answer: raw.answerBoolean as boolean };
	}
	if (raw.operator !== '=' && raw.operator !== '!=') return fail('questionnaire_item_enable_when', linkId);
	const code = isObject(raw.answerCoding) ? raw.answerCoding.code : undefined;
	if (typeof code !== 'string' || !question.options.some((option) => option.code === code))
		fail('questionnaire_item_enable_when', linkId);
	return { question: question.linkId, operator: raw.operator, answer: code as string };
}

function parseItem(
	raw: unknown,
	index: number,
	language: Language,
	earlier: Map<string, Item>,
	factors: Set<string>
): Item {
	const where = `item[${index}]`;
	if (!isObject(raw)) return fail('questionnaire_item_link_id', where);
	const linkId = cleanString(raw.linkId, LIMITS.linkId);
	if (linkId === null || !CODE.test(linkId)) return fail('questionnaire_item_link_id', where);
	if (earlier.has(linkId)) fail('questionnaire_item_duplicate', linkId);
	if (raw.type !== 'choice' && raw.type !== 'display') return fail('questionnaire_item_type', linkId);
	const text = textOf(raw.text, raw._text, language);
	if (text === null) fail('questionnaire_item_text', linkId);
	const rawOptions = list(raw.answerOption);
	if (raw.type === 'choice' && (rawOptions.length < 2 || rawOptions.length > LIMITS.options))
		fail('questionnaire_item_options', linkId);
	if (raw.type === 'display' && rawOptions.length > 0) fail('questionnaire_item_options', linkId);
	const options = rawOptions.map((option) => parseOption(option, linkId, language));
	if (new Set(options.map((option) => option.code)).size !== options.length)
		fail('questionnaire_item_option_code', linkId);
	const withValue = options.filter((option) => option.value !== null).length;
	if (withValue !== 0 && withValue !== options.length) fail('questionnaire_item_scores', linkId);
	const scored = options.length > 0 && withValue === options.length;
	const reverse = extensions(raw, EXTENSION.reverse).some((e) => e.valueBoolean === true);
	const itemFactors = extensions(raw, EXTENSION.itemFactor).map((e) => e.valueCode);
	for (const factor of itemFactors)
		if (typeof factor !== 'string' || !factors.has(factor)) fail('questionnaire_item_factor', linkId);
	if ((reverse || itemFactors.length > 0) && !scored) fail('questionnaire_item_scores', linkId);
	const enableWhen = list(raw.enableWhen).map((condition) => parseEnableWhen(condition, linkId, earlier));
	const behaviour = raw.enableBehavior ?? 'all';
	if (behaviour !== 'all' && behaviour !== 'any') fail('questionnaire_item_enable_when', linkId);
	if (enableWhen.length > 1 && raw.enableBehavior === undefined)
		fail('questionnaire_item_enable_when', linkId);
	return {
		linkId,
		type: raw.type,
		text: text!,
		required: raw.required === true,
		options,
		scored,
		reverse,
		factors: [...new Set(itemFactors as string[])],
		enableWhen,
		enableBehavior: behaviour as 'all' | 'any'
	};
}

function parseResource(resource: unknown): Questionnaire {
	if (!isObject(resource) || resource.resourceType !== 'Questionnaire')
		fail('questionnaire_not_questionnaire', 'resourceType');
	const json = resource as Json;
	const language: Language =
		typeof json.language === 'string' && json.language.startsWith('en') ? 'en' : 'nl';
	const url = cleanString(json.url, LIMITS.url);
	if (url === null || !/^(https?:\/\/|urn:)\S+$/.test(url)) fail('questionnaire_url_missing', 'url');
	const version = cleanString(json.version, LIMITS.code);
	if (version === null) fail('questionnaire_version_missing', 'version');
	const title = textOf(json.title, json._title, language, 200);
	if (title === null) fail('questionnaire_title_missing', 'title');
	const description = textOf(json.description, json._description, language, 2000) ?? { nl: '', en: '' };
	const purposeCode = extensions(json, EXTENSION.purpose)[0]?.valueCode ?? 'other';
	if (!PURPOSES.includes(purposeCode as Purpose)) fail('questionnaire_purpose', 'extension');
	const minExtension = extensions(json, EXTENSION.minAnswered)[0];
	const minAnswered = minExtension ? minExtension.valueDecimal : 0.8;
	if (typeof minAnswered !== 'number' || !(minAnswered > 0 && minAnswered <= 1))
		fail('questionnaire_min_answered', 'extension');
	const factors = parseFactors(json, language);
	if (new Set(factors.map((factor) => factor.code)).size !== factors.length)
		fail('questionnaire_factor', 'extension');
	const rawItems = list(json.item);
	if (rawItems.length === 0) fail('questionnaire_no_items', 'item');
	if (rawItems.length > LIMITS.items) fail('questionnaire_too_many_items', 'item');
	const earlier = new Map<string, Item>();
	const factorCodes = new Set(factors.map((factor) => factor.code));
	for (const [index, raw] of rawItems.entries()) {
		const item = parseItem(raw, index, language, earlier, factorCodes);
		earlier.set(item.linkId, item);
	}
	const items = [...earlier.values()];
	if (!items.some((item) => item.type === 'choice')) fail('questionnaire_no_items', 'item');
	return {
		url: url!,
		version: version!,
		title: title!,
		description,
		purpose: purposeCode as Purpose,
		ownWording: extensions(json, EXTENSION.ownWording).some((e) => e.valueBoolean === true),
		minAnswered: minAnswered as number,
		factors,
		items
	};
}

/** A definition read from a parsed JSON value: the model, or the first problem and where it is. */
export function readQuestionnaire(resource: unknown): ParseResult {
	try {
		return { ok: true, questionnaire: parseResource(resource) };
	} catch (thrown) {
		if (thrown instanceof Problem) return { ok: false, problem: thrown.problem };
		throw thrown;
	}
}

/** A definition from uploaded text (JSON). */
export function parseQuestionnaire(text: string): ParseResult {
	if (text.length > LIMITS.bytes)
		return { ok: false, problem: { key: 'questionnaire_too_large', where: '' } };
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, problem: { key: 'questionnaire_not_json', where: '' } };
	}
	return readQuestionnaire(json);
}

/** The answers of one response: an option code per item linkId. */
export type Answers = Record<string, string>;

/** Only the answers that name an item and one of its options (what a stored response may hold). */
export function cleanAnswers(questionnaire: Questionnaire, answers: unknown): Answers {
	const clean: Answers = {};
	if (!isObject(answers)) return clean;
	for (const item of questionnaire.items) {
		const code = answers[item.linkId];
		if (typeof code === 'string' && item.options.some((option) => option.code === code))
			clean[item.linkId] = code;
	}
	return clean;
}

/** Whether an item is asked, given the answers so far (its conditions look at earlier items only). */
export function isEnabled(questionnaire: Questionnaire, item: Item, answers: Answers): boolean {
	if (item.enableWhen.length === 0) return true;
	const results = item.enableWhen.map((condition) => {
		const question = questionnaire.items.find((other) => other.linkId === condition.question);
		const asked = question ? isEnabled(questionnaire, question, answers) : false;
		const answer = asked ? answers[condition.question] : undefined;
		if (condition.operator === 'exists') return (answer !== undefined) === condition.answer;
		if (answer === undefined) return false;
		return condition.operator === '=' ? answer === condition.answer : answer !== condition.answer;
	});
	return item.enableBehavior === 'all' ? results.every(Boolean) : results.some(Boolean);
}

/** The items asked with these answers, in order. */
export function askedItems(questionnaire: Questionnaire, answers: Answers): Item[] {
	return questionnaire.items.filter((item) => isEnabled(questionnaire, item, answers));
}

/** The score an option gives on its item (reversed for a reverse-scored item), or null. */
export function optionScore(item: Item, code: string): number | null {
	const option = item.options.find((candidate) => candidate.code === code);
	if (!item.scored || !option || option.value === null) return null;
	if (!item.reverse) return option.value;
	const values = item.options.map((candidate) => candidate.value as number);
	return Math.min(...values) + Math.max(...values) - option.value;
}

export type NotScoredReason = 'too_few_answers' | 'no_items';

export interface Mean {
	/** The mean item score, rounded to two decimals; null when not scored. */
	mean: number | null;
	answered: number;
	/** How many items count (asked and scored). */
	counted: number;
	/** How many answers a score needs. */
	needed: number;
	reason: NotScoredReason | null;
}

export interface Score extends Mean {
	factors: ({ code: string } & Mean)[];
	/** Each answered scored item's score. */
	items: Record<string, number>;
}

function meanOf(scores: number[], counted: number, minAnswered: number): Mean {
	const needed = Math.max(1, Math.ceil(counted * minAnswered - 1e-9));
	if (counted === 0) return { mean: null, answered: 0, counted, needed, reason: 'no_items' };
	if (scores.length < needed)
		return { mean: null, answered: scores.length, counted, needed, reason: 'too_few_answers' };
	const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
	return { mean: Math.round(mean * 100) / 100, answered: scores.length, counted, needed, reason: null };
}

/** The mean item score and the factors' means of a response, by the rules above. */
export function scoreResponse(questionnaire: Questionnaire, answers: Answers): Score {
	const counting = askedItems(questionnaire, answers).filter((item) => item.scored);
	const items: Record<string, number> = {};
	for (const item of counting) {
		const score = answers[item.linkId] === undefined ? null : optionScore(item, answers[item.linkId]!);
		if (score !== null) items[item.linkId] = score;
	}
	const scoresOf = (list: Item[]) =>
		list.filter((item) => item.linkId in items).map((item) => items[item.linkId] as number);
	const factors = questionnaire.factors.map((factor) => {
		const own = counting.filter((item) => item.factors.includes(factor.code));
		return { code: factor.code, ...meanOf(scoresOf(own), own.length, questionnaire.minAnswered) };
	});
	return { ...meanOf(scoresOf(counting), counting.length, questionnaire.minAnswered), factors, items };
}

/** Where to go on: the first asked item without an answer after `from`, or null when all are passed. */
export function nextItemIndex(questionnaire: Questionnaire, answers: Answers, from: number): number | null {
	for (let index = from + 1; index < questionnaire.items.length; index++)
		if (isEnabled(questionnaire, questionnaire.items[index]!, answers)) return index;
	return null;
}

/** The asked item before `from`, or null at the start. */
export function previousItemIndex(
	questionnaire: Questionnaire,
	answers: Answers,
	from: number
): number | null {
	for (let index = Math.min(from, questionnaire.items.length) - 1; index >= 0; index--)
		if (isEnabled(questionnaire, questionnaire.items[index]!, answers)) return index;
	return null;
}

/** Required items that are asked and not answered: a response with these cannot be finished. */
export function missingRequired(questionnaire: Questionnaire, answers: Answers): Item[] {
	return askedItems(questionnaire, answers).filter(
		(item) => item.type === 'choice' && item.required && answers[item.linkId] === undefined
	);
}
