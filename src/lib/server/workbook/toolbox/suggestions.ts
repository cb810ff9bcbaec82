/**
 * The toolbox's suggestions: ways of coping from IMR modules 8 (stress) and 9 (problems and
 * persistent symptoms), written by us, in content/toolbox/suggestions.yaml (content/README.md,
 * "Toolbox suggestions"). Read once per process; a broken file fails with its path and the problem
 * (the unit test reads it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LocalisedText } from '../../db/schema';
import { contentDir } from '../../curriculum/load';

/** A suggestion's title and short explanation in one language. */
const words = z
	.object({
		title: z.string().trim().min(1).max(60),
		text: z.string().trim().min(1).max(200)
	})
	.strict();

const suggestionSchema = z
	.object({
		key: z
			.string()
			.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by -')
			.max(40),
		module: z.union([z.literal(8), z.literal(9)]),
		nl: words,
		en: words
	})
	.strict();

/** 10–16 suggestions, each key once. */
const suggestionsFile = z
	.array(suggestionSchema)
	.min(10)
	.max(16)
	.refine((list) => new Set(list.map((item) => item.key)).size === list.length, 'every key once');

export interface Suggestion {
	/** Stored with a participant's choice: never changed or reused. */
	key: string;
	/** The IMR module it comes from: 8 (coping with stress) or 9 (problems and symptoms). */
	module: 8 | 9;
	title: LocalisedText;
	text: LocalisedText;
}

/** Parses the suggestions file; throws with its path and what is wrong. */
export function parseSuggestions(text: string): Suggestion[] {
	const parsed = suggestionsFile.safeParse(parse(text));
	if (!parsed.success)
		throw new Error(
			`content/toolbox/suggestions.yaml: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`
		);
	return parsed.data.map((item) => ({
		key: item.key,
		module: item.module,
		title: { nl: item.nl.title, en: item.en.title },
		text: { nl: item.nl.text, en: item.en.text }
	}));
}

/** The suggestions in content/toolbox, in the file's order (none when the folder is missing). */
export function readSuggestions(dir = contentDir()): Suggestion[] {
	const file = path.join(dir, 'toolbox', 'suggestions.yaml');
	if (!fs.existsSync(file)) return [];
	return parseSuggestions(fs.readFileSync(file, 'utf8'));
}

let loaded: Suggestion[] | undefined;

/** Every suggestion (read once per process). */
export function suggestions(): Suggestion[] {
	loaded ??= readSuggestions();
	return loaded;
}

/** One suggestion by its key, or undefined. */
export function suggestion(key: string): Suggestion | undefined {
	return suggestions().find((item) => item.key === key);
}
