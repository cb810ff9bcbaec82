import { describe, expect, it } from 'vitest';
import { compareVersions, type ComparedModule, type ComparedStep } from './version-diff';

const t = (nl: string, en = nl) => ({ nl, en });
const step = (key: string, changes: Partial<ComparedStep> = {}): ComparedStep => ({
	key,
	kind: 'text',
	title: t(`Stap ${key}`),
	body: t(`Tekst ${key}`),
	question: null,
	video: null,
	...changes
});
const module = (
	number: number,
	steps: ComparedStep[],
	changes: Partial<ComparedModule> = {}
): ComparedModule => ({
	number,
	title: t(`Module ${number}`),
	summary: t(`Over ${number}`),
	steps,
	...changes
});

describe('compareVersions', () => {
	it('finds nothing between equal versions', () => {
		const version = [module(1, [step('01-a'), step('02-b')])];
		expect(compareVersions(version, structuredClone(version))).toEqual([]);
	});

	it('names added, removed and changed modules and steps, with each text before and after', () => {
		const before = [module(1, [step('01-a'), step('02-b')]), module(2, [step('01-c')])];
		const after = [
			module(1, [step('01-a', { body: t('Nieuwe tekst', 'Tekst 01-a'), video: 'Noor' }), step('03-d')], {
				title: t('Herstel')
			}),
			module(3, [step('01-e')])
		];
		expect(compareVersions(before, after)).toEqual([
			{
				kind: 'module_changed',
				moduleNumber: 1,
				title: t('Herstel'),
				fields: [
					{ field: 'title', language: 'nl', before: 'Module 1', after: 'Herstel' },
					{ field: 'title', language: 'en', before: 'Module 1', after: 'Herstel' }
				]
			},
			{
				kind: 'step_changed',
				moduleNumber: 1,
				stepKey: '01-a',
				title: t('Stap 01-a'),
				fields: [
					{ field: 'body', language: 'nl', before: 'Tekst 01-a', after: 'Nieuwe tekst' },
					{ field: 'video', language: null, before: '', after: 'Noor' }
				]
			},
			{ kind: 'step_added', moduleNumber: 1, stepKey: '03-d', title: t('Stap 03-d') },
			{ kind: 'step_removed', moduleNumber: 1, stepKey: '02-b', title: t('Stap 02-b') },
			{ kind: 'module_added', moduleNumber: 3, title: t('Module 3') },
			{ kind: 'module_removed', moduleNumber: 2, title: t('Module 2') }
		]);
	});

	it('sees a question added to a step and a changed kind', () => {
		const before = [module(1, [step('01-a')])];
		const after = [module(1, [step('01-a', { kind: 'exercise', question: t('Wat denk je?', '') })])];
		expect(compareVersions(before, after)[0]).toMatchObject({
			kind: 'step_changed',
			fields: [
				{ field: 'kind', language: null, before: 'text', after: 'exercise' },
				{ field: 'question', language: 'nl', before: '', after: 'Wat denk je?' }
			]
		});
	});
});
