/**
 * The prepared live prompts of each module: content/live/NN-slug.yaml (content/README.md, "Live
 * prompts"), 2–3 per module, Dutch and English. Read once per process; a broken file fails with its
 * path and the problem (the unit test reads them all).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LocalisedText } from '../db/schema';
import { contentDir } from '../curriculum/load';

export const LIVE_PROMPT_KINDS = ['open', 'choice', 'scale', 'share', 'story'] as const;
export type LivePromptKind = (typeof LIVE_PROMPT_KINDS)[number];

export const LIVE_TEXT_MAX = 300;
export const LIVE_CHOICE_MAX = 80;
export const LIVE_MIN_CHOICES = 2;
export const LIVE_MAX_CHOICES = 6;

const words = z.string().trim().min(1).max(LIVE_TEXT_MAX);
const choiceText = z.object({
	nl: z.string().trim().min(1).max(LIVE_CHOICE_MAX),
	en: z.string().trim().min(1).max(LIVE_CHOICE_MAX)
});

const preparedPromptSchema = z
	.object({
		kind: z.enum(LIVE_PROMPT_KINDS),
		nl: words,
		en: words,
		choices: z.array(choiceText).min(LIVE_MIN_CHOICES).max(LIVE_MAX_CHOICES).optional(),
		step: z
			.string()
			.regex(/^\d\d-[a-z0-9-]+$/)
			.optional()
	})
	.strict()
	.refine(
		(prompt) => (prompt.kind === 'choice') === (prompt.choices !== undefined),
		'choices: only and always for kind choice'
	)
	.refine(
		(prompt) => (prompt.kind === 'story') === (prompt.step !== undefined),
		'step: only and always for kind story'
	);

const moduleFile = z.array(preparedPromptSchema).min(2).max(3);

export interface PreparedPrompt {
	/** "<module number>/<position>", stable while the file keeps its order. */
	key: string;
	moduleNumber: number;
	kind: LivePromptKind;
	text: LocalisedText;
	choices: LocalisedText[];
	stepKey: string | null;
}

/** Parses one module's file; throws with the file name and what is wrong. */
export function parsePreparedPrompts(fileName: string, text: string): PreparedPrompt[] {
	const number = Number(fileName.match(/^(\d\d)-[a-z0-9-]+\.yaml$/)?.[1]);
	if (!(number >= 1 && number <= 11))
		throw new Error(`content/live/${fileName}: name it NN-slug.yaml (01–11)`);
	const parsed = moduleFile.safeParse(parse(text));
	if (!parsed.success)
		throw new Error(
			`content/live/${fileName}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`
		);
	return parsed.data.map((prompt, index) => ({
		key: `${number}/${index + 1}`,
		moduleNumber: number,
		kind: prompt.kind,
		text: { nl: prompt.nl, en: prompt.en },
		choices: prompt.choices ?? [],
		stepKey: prompt.step ?? null
	}));
}

/** Every module's prepared prompts, read from content/live. */
export function readPreparedPrompts(dir = contentDir()): PreparedPrompt[] {
	const folder = path.join(dir, 'live');
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder)
		.filter((name) => name.endsWith('.yaml'))
		.sort()
		.flatMap((name) => parsePreparedPrompts(name, fs.readFileSync(path.join(folder, name), 'utf8')));
}

let prepared: PreparedPrompt[] | undefined;

/** The prepared prompts of one module (read once per process). */
export function preparedPromptsOf(moduleNumber: number): PreparedPrompt[] {
	prepared ??= readPreparedPrompts();
	return prepared.filter((prompt) => prompt.moduleNumber === moduleNumber);
}

/** One prepared prompt by its key, or undefined. */
export function preparedPrompt(key: string): PreparedPrompt | undefined {
	prepared ??= readPreparedPrompts();
	return prepared.find((prompt) => prompt.key === key);
}
