// `npm run readability` — the plain-language measure (README, "Plain language"): per kind of text
// (curriculum, UI, mail, staff) and language the Flesch–Douma / Flesch score, the sentence lengths,
// and the worst sentences with their file or message key. Exits 1 when a kind misses its limit.
// `npm run readability -- 20` shows 20 sentences per kind; `npm run readability -- --nl "Een tekst."`
// (or --en) scores one text and its sentences, to try a rewrite.
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const load = async (/** @type {string} */ file) =>
	(
		await runnerImport(path.join(root, file), {
			configFile: false,
			logLevel: 'error',
			resolve: { alias: { $lib: path.join(root, 'src/lib') } }
		})
	).module;
const corpus = /** @type {typeof import('../src/lib/readability/corpus')} */ (
	await load('src/lib/readability/corpus.ts')
);
const report = /** @type {typeof import('../src/lib/readability/report')} */ (
	await load('src/lib/readability/report.ts')
);
const [flag, value] = process.argv.slice(2);
if ((flag === '--nl' || flag === '--en') && value !== undefined) {
	const score = /** @type {typeof import('../src/lib/readability/score')} */ (
		await load('src/lib/readability/score.ts')
	);
	const language = flag === '--nl' ? 'nl' : 'en';
	const counts = score.countsOf(value, language);
	for (const s of score.sentencesOf(value, language))
		console.log(`${s.ease.toFixed(0).padStart(4)}  ${s.words} words, ${s.syllables} syllables: ${s.text}`);
	console.log(`score ${score.readingEase(counts, language)?.toFixed(1) ?? '–'}, ${counts.words} words`);
	process.exit(0);
}
const count = Number(flag) || 10;
const results = report.measure(corpus.allTexts(root), count);
console.log(report.formatReport(results));
if (results.some((result) => result.failures.length > 0)) process.exitCode = 1;
