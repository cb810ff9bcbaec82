import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSuggestions, readSuggestions } from './suggestions';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('toolbox suggestions (content/toolbox)', () => {
	const suggestions = readSuggestions(path.resolve('content'));

	it('has 10–16 suggestions from modules 8 and 9, each key once, in Dutch and English', () => {
		expect(suggestions.length).toBeGreaterThanOrEqual(10);
		expect(suggestions.length).toBeLessThanOrEqual(16);
		expect(new Set(suggestions.map((item) => item.module))).toEqual(new Set([8, 9]));
		expect(new Set(suggestions.map((item) => item.key)).size).toBe(suggestions.length);
		for (const item of suggestions)
			for (const part of [item.title, item.text]) {
				expect(part.nl, item.key).not.toBe(part.en);
				expect(words(item.title.nl), item.key).toBeLessThanOrEqual(6);
				expect(words(item.text.nl), item.key).toBeLessThanOrEqual(25);
				expect(words(item.text.en), item.key).toBeLessThanOrEqual(25);
			}
	});

	it('keeps each screen of three ideas short (PRODUCT.md: under about 100 words a screen)', () => {
		for (let start = 0; start < suggestions.length; start += 3)
			for (const locale of ['nl', 'en'] as const) {
				const screen = suggestions
					.slice(start, start + 3)
					.reduce((sum, item) => sum + words(item.title[locale]) + words(item.text[locale]), 0);
				expect(screen, `${locale} ideas ${start + 1}–${start + 3}`).toBeLessThanOrEqual(66);
			}
	});

	it('has every suggestion the demo gives its participants', () => {
		const demo = fs.readFileSync(path.resolve('src/lib/server/workbook/toolbox/demo.ts'), 'utf8');
		const keys = [...demo.matchAll(/suggestion: '([a-z0-9-]+)'/g)].map((match) => match[1]);
		expect(keys.length).toBeGreaterThan(0);
		for (const key of keys) expect(suggestions.map((item) => item.key)).toContain(key);
	});

	it('names the file and the problem of a broken one', () => {
		expect(() => parseSuggestions('- key: a\n  module: 7')).toThrow(/content\/toolbox\/suggestions.yaml: /);
		const item = (key: string) =>
			`- { key: ${key}, module: 8, nl: { title: a, text: b }, en: { title: c, text: d } }`;
		const twelve = Array.from({ length: 12 }, (_, index) => item(`k${index}`));
		expect(parseSuggestions(twelve.join('\n'))).toHaveLength(12);
		expect(() => parseSuggestions([...twelve, item('k1')].join('\n'))).toThrow(/every key once/);
		expect(() => parseSuggestions(twelve.slice(0, 9).join('\n'))).toThrow(/suggestions.yaml/);
		expect(() => parseSuggestions([...twelve, item('Niet Goed')].join('\n'))).toThrow(/key/);
	});
});
