import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePreparedPrompts, readPreparedPrompts } from './content';

describe('prepared live prompts (content/live)', () => {
	const prompts = readPreparedPrompts(path.resolve('content'));

	it('gives every module 2–3 prompts in Dutch and English', () => {
		for (let number = 1; number <= 11; number++) {
			const own = prompts.filter((prompt) => prompt.moduleNumber === number);
			expect(own.length, `module ${number}`).toBeGreaterThanOrEqual(2);
			expect(own.length, `module ${number}`).toBeLessThanOrEqual(3);
			for (const prompt of own) {
				expect(prompt.text.nl).not.toBe(prompt.text.en);
				expect(prompt.text.nl.split(/\s+/).length).toBeLessThanOrEqual(25);
			}
		}
	});

	it('lets a "watch the story" prompt open a video step of its own module', () => {
		const stories = prompts.filter((prompt) => prompt.kind === 'story');
		expect(stories.length).toBeGreaterThan(0);
		for (const story of stories) {
			const folder = fs
				.readdirSync('content/modules')
				.find((name) => name.startsWith(String(story.moduleNumber).padStart(2, '0')));
			const step = fs.readFileSync(
				path.join('content/modules', folder ?? '', `${story.stepKey}.nl.md`),
				'utf8'
			);
			expect(step).toMatch(/^kind: video$/m);
		}
	});

	it('names the file and the problem of a broken one', () => {
		expect(() =>
			parsePreparedPrompts('01-x.yaml', '- kind: choice\n  nl: a\n  en: b\n- kind: open\n  nl: c\n  en: d')
		).toThrow(/content\/live\/01-x.yaml: .*choices/);
		expect(() => parsePreparedPrompts('12-x.yaml', '[]')).toThrow(/01–11/);
		expect(() => parsePreparedPrompts('02-x.yaml', '- kind: open\n  nl: a')).toThrow(/02-x.yaml/);
	});
});
