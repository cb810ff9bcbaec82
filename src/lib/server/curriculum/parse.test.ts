import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadStarterCurriculum } from './load';
import { ContentError, countWords, parseCurriculum, type ContentFile } from './parse';

const step = (kind: string, extra = '', body = 'Een korte tekst.') =>
	`---\nkind: ${kind}\ntitle: Een titel\n${extra}---\n\n${body}\n`;
const moduleMeta = '---\ntitle: Herstel\nsummary: Over herstel.\n---\n';

function validModule(dir = '01-herstel'): ContentFile[] {
	const files: ContentFile[] = [];
	for (const locale of ['nl', 'en']) {
		files.push({ path: `${dir}/module.${locale}.md`, text: moduleMeta });
		files.push({ path: `${dir}/01-uitleg.${locale}.md`, text: step('text') });
		files.push({ path: `${dir}/02-verhaal.${locale}.md`, text: step('video', 'video: sample\n') });
		files.push({
			path: `${dir}/03-deze-week.${locale}.md`,
			text: step('exercise', 'question: Wat ga je doen?\n')
		});
	}
	return files;
}

function problemsOf(files: ContentFile[]) {
	try {
		parseCurriculum(files, ['sample']);
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
	return [];
}

describe('the starter curriculum in content/', () => {
	it('is valid: 11 modules, 3–6 steps each, both languages, ending with "what will you try this week?"', () => {
		const modules = loadStarterCurriculum(path.resolve('content'));
		expect(modules.map((module) => module.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		for (const module of modules) {
			expect(module.steps.length).toBeGreaterThanOrEqual(3);
			expect(module.steps.length).toBeLessThanOrEqual(6);
			expect(module.steps.at(-1)?.title).toEqual({
				nl: 'Wat ga je deze week proberen?',
				en: 'What will you try this week?'
			});
			expect(module.steps.some((s) => s.kind === 'practice')).toBe(true);
		}
		expect(modules[0]?.steps.some((s) => s.video === 'sample-peer-story')).toBe(true);
	});
});

describe('parseCurriculum', () => {
	it('reads a valid module with steps in file order', () => {
		const [module] = parseCurriculum(validModule(), ['sample']);
		expect(module).toMatchObject({ number: 1, slug: 'herstel', title: { nl: 'Herstel', en: 'Herstel' } });
		expect(module?.steps.map((s) => [s.key, s.position, s.kind])).toEqual([
			['01-uitleg', 1, 'text'],
			['02-verhaal', 2, 'video'],
			['03-deze-week', 3, 'exercise']
		]);
		expect(module?.steps[2]?.question).toEqual({ nl: 'Wat ga je doen?', en: 'Wat ga je doen?' });
	});

	it('names the file and line of a wrong field', () => {
		const files = validModule();
		files[2] = { path: '01-herstel/01-uitleg.nl.md', text: '---\ntitle: Uitleg\nkind: poem\n---\nTekst.\n' };
		expect(problemsOf(files)).toContainEqual({
			path: '01-herstel/01-uitleg.nl.md',
			line: 3,
			message: expect.stringContaining('"kind" must be one of')
		});
	});

	it('names the line of broken YAML and of a missing closing line', () => {
		const files = validModule();
		files[2] = { path: '01-herstel/01-uitleg.nl.md', text: '---\nkind: text\ntitle: [open\n---\nTekst.\n' };
		files[3] = { path: '01-herstel/02-verhaal.nl.md', text: '---\nkind: video\n' };
		const problems = problemsOf(files);
		expect(problems.find((p) => p.path.endsWith('01-uitleg.nl.md'))?.line).toBe(3);
		expect(problems).toContainEqual(
			expect.objectContaining({
				path: '01-herstel/02-verhaal.nl.md',
				message: expect.stringContaining('closing')
			})
		);
	});

	it('refuses a missing translation, an unknown video, a long body, HTML and unsafe links', () => {
		const files = validModule().filter((file) => file.path !== '01-herstel/01-uitleg.en.md');
		files.push({ path: '01-herstel/04-extra.nl.md', text: step('video', 'video: onbekend\n') });
		files.push({ path: '01-herstel/04-extra.en.md', text: step('video', 'video: onbekend\n') });
		files.push({ path: '01-herstel/05-lang.nl.md', text: step('text', '', 'woord '.repeat(91)) });
		files.push({
			path: '01-herstel/05-lang.en.md',
			text: step('text', '', 'Kijk <script>x</script>\n\n[hier](javascript:alert(1))')
		});
		const messages = problemsOf(files).map((p) => `${p.path}: ${p.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				'01-herstel/01-uitleg.en.md: this translation is missing',
				expect.stringMatching(/04-extra\.nl\.md: "video" names onbekend/),
				expect.stringMatching(/05-lang\.nl\.md: the body has 91 words/),
				'01-herstel/05-lang.en.md: no HTML in the body',
				'01-herstel/05-lang.en.md: links only to https:// addresses',
				expect.stringMatching(/a module ends with an exercise/)
			])
		);
	});

	it('refuses a question on a text step and a missing question on an exercise', () => {
		const files = validModule();
		files[2] = { path: '01-herstel/01-uitleg.nl.md', text: step('text', 'question: Waarom?\n') };
		files[4] = { path: '01-herstel/03-deze-week.nl.md', text: step('exercise') };
		const messages = problemsOf(files).map((p) => p.message);
		expect(messages).toEqual(
			expect.arrayContaining([
				'"question" a text step has no question',
				'"question" a exercise step needs a question'
			])
		);
	});

	it('fails only with a ContentError, whatever the files hold', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						path: fc.oneof(
							fc.constantFrom('01-a/module.nl.md', '01-a/01-b.nl.md', '01-a/01-b.en.md'),
							fc.string()
						),
						text: fc.oneof(
							fc.string(),
							fc.string().map((s) => `---\n${s}\n---\n${s}`)
						)
					}),
					{ maxLength: 6 }
				),
				(files) => {
					try {
						parseCurriculum(files, []);
					} catch (error) {
						expect(error).toBeInstanceOf(ContentError);
					}
				}
			)
		);
	});
});

describe('countWords', () => {
	it('counts words as a reader does', () => {
		expect(countWords('Hoe gaat het?  Goed, dank je. 113 of 112.')).toBe(9);
		expect(countWords("Sam's zelf-hulp")).toBe(2);
	});
});
