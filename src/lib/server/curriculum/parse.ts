/**
 * Parses the starter curriculum (content/modules, see content/README.md) from file texts. Pure: the
 * caller reads the files. Every problem names the file and line, so a broken file is quick to fix.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';

export const LOCALES = ['nl', 'en'] as const;
export type ContentLocale = (typeof LOCALES)[number];
export type Localised = Record<ContentLocale, string>;

export const STEP_KINDS = ['text', 'video', 'exercise', 'practice'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const MAX_BODY_WORDS = 90;
export const MIN_STEPS = 3;
export const MAX_STEPS = 6;

export interface ParsedStep {
	/** The file name stem, e.g. "01-wat-is-herstel": stable across versions and languages. */
	key: string;
	position: number;
	kind: StepKind;
	title: Localised;
	body: Localised;
	question: Localised | null;
	video: string | null;
}

export interface ParsedModule {
	number: number;
	slug: string;
	title: Localised;
	summary: Localised;
	steps: ParsedStep[];
}

export interface ContentProblem {
	path: string;
	line: number;
	message: string;
}

export class ContentError extends Error {
	constructor(readonly problems: ContentProblem[]) {
		super(problems.map((p) => `${p.path}:${p.line}: ${p.message}`).join('\n'));
		this.name = 'ContentError';
	}
}

/** One file of content/modules: its path relative to content/modules and its text. */
export interface ContentFile {
	path: string;
	text: string;
}

interface FrontMatter {
	data: Record<string, unknown>;
	/** Line number (1-based) of each top-level key. */
	lines: Record<string, number>;
	body: string;
	bodyLine: number;
}

const MODULE_DIR = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const STEP_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.(nl|en)\.md$/;
const MODULE_FILE = /^module\.(nl|en)\.md$/;

/** Splits "---\nyaml\n---\nbody" and parses the YAML; problems are added to `problems`. */
export function splitFrontMatter(file: ContentFile, problems: ContentProblem[]): FrontMatter | null {
	const text = file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const lines = text.split('\n');
	if (lines[0]?.trim() !== '---') {
		problems.push({
			path: file.path,
			line: 1,
			message: 'the file must start with a "---" line (front matter)'
		});
		return null;
	}
	const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
	if (end === -1) {
		problems.push({ path: file.path, line: 1, message: 'the front matter has no closing "---" line' });
		return null;
	}
	const yaml = lines.slice(1, end).join('\n');
	const document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true });
	let data: unknown;
	if (document.errors.length === 0) {
		try {
			data = document.toJS();
		} catch (error) {
			// An alias to nothing ("*x") is only found while building the values.
			problems.push({ path: file.path, line: 2, message: `front matter: ${(error as Error).message}` });
			return null;
		}
	}
	for (const error of document.errors) {
		const offset = Math.min(error.pos[0], yaml.length);
		problems.push({
			path: file.path,
			line: 2 + (yaml.slice(0, offset).match(/\n/g)?.length ?? 0),
			message: `front matter: ${error.message.split('\n')[0]}`
		});
	}
	if (document.errors.length > 0) return null;
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		problems.push({
			path: file.path,
			line: 2,
			message: 'the front matter must be a list of "key: value" lines'
		});
		return null;
	}
	const keyLines: Record<string, number> = {};
	lines.slice(1, end).forEach((line, index) => {
		const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
		if (key && !(key in keyLines)) keyLines[key] = index + 2;
	});
	return {
		data: data as Record<string, unknown>,
		lines: keyLines,
		body: lines
			.slice(end + 1)
			.join('\n')
			.trim(),
		bodyLine: end + 2
	};
}

/** Words as a reader counts them: runs of letters or digits. */
export function countWords(text: string): number {
	return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

const shortText = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.min(1, 'must not be empty')
		.refine((value) => countWords(value) <= max, `at most ${max} words`);

const moduleFields = z.strictObject({ title: shortText(8), summary: shortText(25) });

const stepFields = z
	.strictObject({
		kind: z.enum(STEP_KINDS, { error: `must be one of ${STEP_KINDS.join(', ')}` }),
		title: shortText(8),
		question: shortText(30).optional(),
		video: z
			.string({ error: 'must be text' })
			.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a media folder name (a–z, 0–9, -)')
			.optional()
	})
	.superRefine((step, context) => {
		const asks = step.kind === 'exercise' || step.kind === 'practice';
		if (asks && !step.question)
			context.addIssue({
				code: 'custom',
				path: ['question'],
				message: `a ${step.kind} step needs a question`
			});
		if (!asks && step.question)
			context.addIssue({
				code: 'custom',
				path: ['question'],
				message: `a ${step.kind} step has no question`
			});
		if ((step.kind === 'video') !== Boolean(step.video))
			context.addIssue({
				code: 'custom',
				path: ['video'],
				message: step.kind === 'video' ? 'a video step needs "video"' : 'only a video step has "video"'
			});
	});

/** Markdown constructs a step body may not use (see content/README.md). */
const FORBIDDEN_IN_BODY: [RegExp, string][] = [
	[/^#{1,6}\s/m, 'no headings in the body (the title is the heading)'],
	[/<\/?[a-z][^>]*>/i, 'no HTML in the body'],
	[/!\[[^\]]*\]\(/, 'no images in the body'],
	[/^\s*\|.*\|\s*$/m, 'no tables in the body'],
	[/\]\((?!https:\/\/)[^)]*\)/, 'links only to https:// addresses']
];

function bodyProblems(file: ContentFile, front: FrontMatter, problems: ContentProblem[]): void {
	const words = countWords(front.body);
	if (words > MAX_BODY_WORDS)
		problems.push({
			path: file.path,
			line: front.bodyLine,
			message: `the body has ${words} words; at most ${MAX_BODY_WORDS} fit on one screen`
		});
	for (const [pattern, message] of FORBIDDEN_IN_BODY) {
		const match = pattern.exec(front.body);
		if (match) {
			const line = front.bodyLine + front.body.slice(0, match.index).split('\n').length - 1;
			problems.push({ path: file.path, line, message });
		}
	}
}

function fieldProblems(file: ContentFile, front: FrontMatter, error: z.ZodError, problems: ContentProblem[]) {
	for (const issue of error.issues) {
		const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? '');
		const message =
			issue.code === 'unrecognized_keys'
				? `unknown field "${issue.keys.join('", "')}"`
				: `"${key}" ${issue.message}`;
		problems.push({ path: file.path, line: (key && front.lines[key]) || 2, message });
	}
}

/**
 * The curriculum in `files` (paths relative to content/modules), or a ContentError listing every
 * problem found. `mediaNames` are the folders of content/media a video step may refer to.
 */
export function parseCurriculum(files: ContentFile[], mediaNames: readonly string[]): ParsedModule[] {
	const problems: ContentProblem[] = [];
	const byModule = new Map<string, ContentFile[]>();
	for (const file of files) {
		const [dir, name, ...rest] = file.path.split('/');
		if (!dir || !name || rest.length > 0 || !MODULE_DIR.test(dir)) {
			problems.push({
				path: file.path,
				line: 1,
				message: 'files belong in a folder "NN-slug" (e.g. 01-herstel)'
			});
			continue;
		}
		byModule.set(dir, [...(byModule.get(dir) ?? []), file]);
	}
	const modules: ParsedModule[] = [];
	for (const [dir, moduleFiles] of [...byModule].sort(([a], [b]) => a.localeCompare(b))) {
		const parsed = parseModule(dir, moduleFiles, mediaNames, problems);
		if (parsed) modules.push(parsed);
	}
	const numbers = modules.map((module) => module.number);
	numbers.forEach((number, index) => {
		if (numbers.indexOf(number) !== index)
			problems.push({
				path: `${String(number).padStart(2, '0')}-…`,
				line: 1,
				message: `module ${number} appears twice`
			});
	});
	if (problems.length > 0) throw new ContentError(problems);
	return modules;
}

function parseModule(
	dir: string,
	files: ContentFile[],
	mediaNames: readonly string[],
	problems: ContentProblem[]
): ParsedModule | null {
	const [, number = '', slug = ''] = MODULE_DIR.exec(dir) ?? [];
	const before = problems.length;
	const meta: Partial<Record<ContentLocale, z.infer<typeof moduleFields>>> = {};
	const steps = new Map<
		string,
		Partial<Record<ContentLocale, { fields: z.infer<typeof stepFields>; body: string }>>
	>();
	for (const file of files) {
		const name = file.path.slice(dir.length + 1);
		const moduleFile = MODULE_FILE.exec(name);
		const stepFile = STEP_FILE.exec(name);
		if (!moduleFile && !stepFile) {
			problems.push({
				path: file.path,
				line: 1,
				message: 'file names are module.nl.md, module.en.md or NN-slug.nl.md / NN-slug.en.md'
			});
			continue;
		}
		const front = splitFrontMatter(file, problems);
		if (!front) continue;
		if (moduleFile) {
			const locale = moduleFile[1] as ContentLocale;
			const result = moduleFields.safeParse(front.data);
			if (!result.success) fieldProblems(file, front, result.error, problems);
			else meta[locale] = result.data;
			if (front.body)
				problems.push({ path: file.path, line: front.bodyLine, message: 'a module file has no body' });
			continue;
		}
		const [, position, stepSlug, locale] = stepFile!;
		const key = `${position}-${stepSlug}`;
		const result = stepFields.safeParse(front.data);
		if (!result.success) {
			fieldProblems(file, front, result.error, problems);
			continue;
		}
		if (result.data.video && !mediaNames.includes(result.data.video))
			problems.push({
				path: file.path,
				line: front.lines.video ?? 2,
				message: `"video" names ${result.data.video}, which is not a folder of content/media`
			});
		if (!front.body) problems.push({ path: file.path, line: front.bodyLine, message: 'the body is empty' });
		bodyProblems(file, front, problems);
		steps.set(key, {
			...steps.get(key),
			[locale as ContentLocale]: { fields: result.data, body: front.body }
		});
	}
	for (const locale of LOCALES)
		if (!meta[locale] && problems.length === before)
			problems.push({ path: `${dir}/module.${locale}.md`, line: 1, message: 'this file is missing' });
	const ordered = [...steps].sort(([a], [b]) => a.localeCompare(b));
	for (const [key, byLocale] of ordered) {
		for (const locale of LOCALES)
			if (!byLocale[locale])
				problems.push({
					path: `${dir}/${key}.${locale}.md`,
					line: 1,
					message: 'this translation is missing'
				});
		const { nl, en } = byLocale;
		if (nl && en && (nl.fields.kind !== en.fields.kind || nl.fields.video !== en.fields.video))
			problems.push({
				path: `${dir}/${key}.en.md`,
				line: 2,
				message: 'kind and video must be the same in both languages'
			});
	}
	if (steps.size < MIN_STEPS || steps.size > MAX_STEPS)
		problems.push({
			path: dir,
			line: 1,
			message: `a module has ${MIN_STEPS}–${MAX_STEPS} steps; this one has ${steps.size}`
		});
	const last = ordered.at(-1)?.[1].nl?.fields;
	if (last && last.kind !== 'exercise')
		problems.push({
			path: `${dir}/${ordered.at(-1)![0]}.nl.md`,
			line: 2,
			message: 'a module ends with an exercise: "What will you try this week?"'
		});
	if (problems.length > before || !meta.nl || !meta.en) return null;
	return {
		number: Number(number),
		slug,
		title: { nl: meta.nl.title, en: meta.en.title },
		summary: { nl: meta.nl.summary, en: meta.en.summary },
		steps: ordered.map(([key, byLocale], index) => {
			const nl = byLocale.nl!;
			const en = byLocale.en!;
			return {
				key,
				position: index + 1,
				kind: nl.fields.kind,
				title: { nl: nl.fields.title, en: en.fields.title },
				body: { nl: nl.body, en: en.body },
				question:
					nl.fields.question && en.fields.question
						? { nl: nl.fields.question, en: en.fields.question }
						: null,
				video: nl.fields.video ?? null
			};
		})
	};
}
