/**
 * Every text a participant reads, gathered for the readability measure, in four kinds:
 *
 * - curriculum: the starter curriculum in content/ (module summaries, step questions and bodies,
 *   live prompts, toolbox ideas, the peer story's transcript); titles and choice labels are
 *   headings, not sentences, and are left out;
 * - mail: the messages (messages/*.json) used in a file that sends or composes mail (it imports
 *   the mailer, src/lib/server/mail/mailer.ts);
 * - ui: the other messages used in a file that a participant-facing page reaches;
 * - staff: the messages only staff pages reach (a key looked up by a computed name, messages[`fidelity_item_${…}`],
 *   counts where that template is; a key no file uses counts as ui).
 *
 * "Reaches" follows the imports from src/routes: pages under (admin), (trainer) and (research) are
 * staff pages; every other route, the hooks and the error page are participant-facing (a naaste,
 * a person not yet signed in and a participant read them alike). A module both kinds of page use
 * counts as participant-facing, so the rule errs on the strict side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadStarterCurriculum } from '../server/curriculum/load';
import { readPreparedPrompts } from '../server/live/content';
import { readSuggestions } from '../server/workbook/toolbox/suggestions';
import type { Language } from './syllables';

export const KINDS = ['curriculum', 'ui', 'mail', 'staff'] as const;
export type Kind = (typeof KINDS)[number];

/** One text: where it is (file, or message key), its kind and language. */
export interface Text {
	kind: Kind;
	language: Language;
	source: string;
	text: string;
}

/** The curriculum texts of a content folder (content/README.md), Dutch and English. */
export function curriculumTexts(contentDir: string): Text[] {
	const texts: Text[] = [];
	const push = (source: string, language: Language, text: string) =>
		texts.push({ kind: 'curriculum', language, source, text });
	for (const module of loadStarterCurriculum(contentDir)) {
		const folder = `content/modules/${String(module.number).padStart(2, '0')}-${module.slug}`;
		for (const language of ['nl', 'en'] as const) {
			push(`${folder}/module.${language}.md summary`, language, module.summary[language]);
			for (const step of module.steps) {
				const file = `${folder}/${step.key}.${language}.md`;
				if (step.question) push(`${file} question`, language, step.question[language]);
				push(file, language, step.body[language]);
			}
		}
	}
	for (const prompt of readPreparedPrompts(contentDir))
		for (const language of ['nl', 'en'] as const)
			push(`content/live prompt ${prompt.key}`, language, prompt.text[language]);
	for (const idea of readSuggestions(contentDir))
		for (const language of ['nl', 'en'] as const)
			push(`content/toolbox/suggestions.yaml ${idea.key}`, language, idea.text[language]);
	const media = path.join(contentDir, 'media');
	if (fs.existsSync(media))
		for (const name of fs.readdirSync(media).sort())
			for (const language of ['nl', 'en'] as const) {
				const file = path.join(media, name, `transcript.${language}.md`);
				if (fs.existsSync(file))
					push(`content/media/${name}/transcript.${language}.md`, language, fs.readFileSync(file, 'utf8'));
			}
	return texts;
}

const STAFF_ROUTES = /^src\/routes\/\((admin|trainer|research)\)\//;
const SOURCE = /\.(ts|js|svelte)$/;

/** Source files under src (not tests, not the generated Paraglide code), as paths relative to root. */
function sourceFiles(root: string): string[] {
	return fs
		.readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !/\.test\.ts$/.test(entry.name))
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.filter((file) => !file.startsWith('src/lib/paraglide/') && !file.startsWith('src/lib/readability/'))
		.sort();
}

/** The files of `files` that an import specifier in `from` points to (none for packages). */
function resolveImport(from: string, specifier: string, files: Set<string>): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = `src/lib/${specifier.slice(5)}`;
	else if (specifier.startsWith('.'))
		base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
	else return null;
	const stem = base.replace(/\.js$/, '');
	for (const candidate of [
		base,
		`${stem}.ts`,
		`${stem}.js`,
		`${base}.svelte`,
		`${base}/index.ts`,
		`${base}/index.js`
	])
		if (files.has(candidate)) return candidate;
	return null;
}

/** Which message keys each kind of page uses, by the rule at the top of this file. */
export function classifyMessageKeys(root: string, keys: string[]): Map<string, Kind> {
	const files = sourceFiles(root);
	const fileSet = new Set(files);
	const sources = new Map(files.map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]));
	const imports = new Map<string, string[]>();
	for (const [file, text] of sources) {
		const found = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)]
			.map((match) => resolveImport(file, match[1]!, fileSet))
			.filter((target): target is string => target !== null);
		imports.set(file, found);
	}
	const participantRoots = files.filter(
		(file) => (file.startsWith('src/routes/') && !STAFF_ROUTES.test(file)) || /^src\/[^/]+$/.test(file)
	);
	const reached = new Set<string>();
	const queue = [...participantRoots];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (reached.has(file)) continue;
		reached.add(file);
		queue.push(...(imports.get(file) ?? []));
	}
	const mailFiles = files.filter((file) =>
		(imports.get(file) ?? []).includes('src/lib/server/mail/mailer.ts')
	);
	// A key is used by `m.key` or, looked up by a computed name, by an index `[`prefix_${…}`]`.
	const used = (file: string) => {
		const text = sources.get(file)!;
		const named = [...text.matchAll(/\bm\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
		const prefixes = [...text.matchAll(/\[\s*`([a-z][a-z0-9]*_[a-z0-9_]*)\$\{/g)].map((match) => match[1]!);
		return new Set([...named, ...keys.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)))]);
	};
	const mailKeys = new Set(mailFiles.flatMap((file) => [...used(file)]));
	const participantKeys = new Set([...reached].flatMap((file) => [...used(file)]));
	const anyKeys = new Set(files.flatMap((file) => [...used(file)]));
	// A key no file names is held to the participant limits: the rule errs on the strict side.
	return new Map(
		keys.map((key) => [
			key,
			mailKeys.has(key) ? 'mail' : participantKeys.has(key) || !anyKeys.has(key) ? 'ui' : 'staff'
		])
	);
}

/** Every message of messages/nl.json and messages/en.json, with its kind. */
export function messageTexts(root: string): Text[] {
	const read = (language: Language) =>
		JSON.parse(fs.readFileSync(path.join(root, 'messages', `${language}.json`), 'utf8')) as Record<
			string,
			string
		>;
	const catalogues = { nl: read('nl'), en: read('en') };
	const keys = Object.keys(catalogues.nl).filter((key) => !key.startsWith('$'));
	const kinds = classifyMessageKeys(root, keys);
	return (['nl', 'en'] as const).flatMap((language) =>
		keys
			.filter((key) => typeof catalogues[language][key] === 'string')
			.map((key) => ({
				kind: kinds.get(key)!,
				language,
				source: `messages/${language}.json ${key}`,
				text: catalogues[language][key]!
			}))
	);
}

/** All texts of the project at root. */
export function allTexts(root: string): Text[] {
	return [...curriculumTexts(path.join(root, 'content')), ...messageTexts(root)];
}
