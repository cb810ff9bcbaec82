/**
 * The readability check over all participant texts (corpus.ts): per kind and language the score of
 * all its texts together, its average sentence length, and the sentences that miss the limits, worst
 * first. The limits are in LIMITS (README, "Plain language", says why these).
 */
import { KINDS, type Kind, type Text } from './corpus';
import { add, EMPTY, readingEase, sentencesOf, type Counts } from './score';
import type { Language } from './syllables';

export interface Limit {
	/** The lowest score of all the kind's texts together (Flesch–Douma for nl, Flesch reading ease for en). */
	minEase: number;
	/** The lowest score of one text (a step, a message, a mail) of at least TEXT_MIN_WORDS words. */
	minTextEase: number;
	/** The most words in any one sentence. */
	maxSentenceWords: number;
	/** The most words per sentence on average. */
	maxAverageWords: number;
}

/** Shorter texts get no score of their own: one long word would swing it (their sentences still count). */
export const TEXT_MIN_WORDS = 15;

/**
 * B1 for everything a participant reads: each text of some length "fairly easy" (60) or better,
 * all of a kind together 75 (short labels lift the total, so 60 there would let long texts slip),
 * no sentence over 15 words, 10 on average. Dutch and English alike.
 */
const B1: Limit = { minEase: 75, minTextEase: 60, maxSentenceWords: 15, maxAverageWords: 10 };

/** Staff texts are measured and shown, not held to a limit (null). */
export const LIMITS: Record<Kind, Record<Language, Limit> | null> = {
	curriculum: { nl: B1, en: B1 },
	ui: { nl: B1, en: B1 },
	mail: { nl: B1, en: B1 },
	staff: null
};

/** One sentence with where it is. */
export interface Located {
	source: string;
	text: string;
	words: number;
	ease: number;
}

export interface KindResult {
	kind: Kind;
	language: Language;
	texts: number;
	counts: Counts;
	ease: number | null;
	averageWords: number;
	limit: Limit | null;
	/** Sentences longer than the limit, longest first. */
	tooLong: Located[];
	/** Texts of at least TEXT_MIN_WORDS words below the limit, worst first (their text is the whole text). */
	hardTexts: Located[];
	/** The lowest-scoring sentences of at least 5 words, worst first. */
	worst: Located[];
	/** What misses the limit, in words; empty when the kind passes. */
	failures: string[];
}

export function measure(texts: Text[], worstCount = 10): KindResult[] {
	const results: KindResult[] = [];
	for (const kind of KINDS)
		for (const language of ['nl', 'en'] as const) {
			const mine = texts.filter((text) => text.kind === kind && text.language === language);
			let counts = EMPTY;
			const sentences: Located[] = [];
			const limit = LIMITS[kind]?.[language] ?? null;
			const hardTexts: Located[] = [];
			for (const text of mine) {
				let own = EMPTY;
				for (const sentence of sentencesOf(text.text, language)) {
					own = add(own, sentence);
					sentences.push({
						source: text.source,
						text: sentence.text,
						words: sentence.words,
						ease: sentence.ease
					});
				}
				counts = add(counts, own);
				const ease = readingEase(own, language);
				if (limit && own.words >= TEXT_MIN_WORDS && ease !== null && ease < limit.minTextEase)
					hardTexts.push({ source: text.source, text: text.text, words: own.words, ease });
			}
			hardTexts.sort((a, b) => a.ease - b.ease);
			const ease = readingEase(counts, language);
			const averageWords = counts.sentences === 0 ? 0 : counts.words / counts.sentences;
			const tooLong = limit
				? sentences.filter((s) => s.words > limit.maxSentenceWords).sort((a, b) => b.words - a.words)
				: [];
			const worst = sentences
				.filter((s) => s.words >= 5)
				.sort((a, b) => a.ease - b.ease || b.words - a.words)
				.slice(0, worstCount);
			const failures: string[] = [];
			if (limit && ease !== null && ease < limit.minEase)
				failures.push(`score ${ease.toFixed(1)} is below ${limit.minEase}`);
			if (limit && averageWords > limit.maxAverageWords)
				failures.push(
					`${averageWords.toFixed(1)} words a sentence on average, more than ${limit.maxAverageWords}`
				);
			if (limit && hardTexts.length > 0)
				failures.push(`${hardTexts.length} texts score below ${limit.minTextEase}`);
			if (limit && tooLong.length > 0)
				failures.push(`${tooLong.length} sentences longer than ${limit.maxSentenceWords} words`);
			results.push({
				kind,
				language,
				texts: mine.length,
				counts,
				ease,
				averageWords,
				limit,
				tooLong,
				hardTexts,
				worst,
				failures
			});
		}
	return results;
}

/** The results as text: a table, then per kind what fails and its worst sentences. */
export function formatReport(results: KindResult[]): string {
	const lines = ['kind        lang  texts  sentences  words  words/sentence  score   limit'];
	for (const r of results)
		lines.push(
			[
				r.kind.padEnd(11),
				r.language.padEnd(4),
				String(r.texts).padStart(6),
				String(r.counts.sentences).padStart(10),
				String(r.counts.words).padStart(6),
				r.averageWords.toFixed(1).padStart(15),
				(r.ease === null ? '–' : r.ease.toFixed(1)).padStart(6),
				r.limit
					? `  ≥ ${r.limit.minEase} (a text ≥ ${r.limit.minTextEase}), ≤ ${r.limit.maxSentenceWords} words`
					: '  (shown only)',
				r.failures.length > 0 ? '  FAILS' : ''
			].join(' ')
		);
	for (const r of results) {
		lines.push(
			'',
			`== ${r.kind} (${r.language})${r.failures.length > 0 ? ': ' + r.failures.join('; ') : ''}`
		);
		for (const s of r.hardTexts)
			lines.push(
				`  hard text (score ${s.ease.toFixed(0)}, ${s.words} words) ${s.source}: ${oneLine(s.text)}`
			);
		for (const s of r.tooLong) lines.push(`  too long (${s.words} words) ${s.source}: ${s.text}`);
		lines.push('  lowest-scoring sentences:');
		for (const s of r.worst) lines.push(`  ${s.ease.toFixed(0).padStart(4)}  ${s.source}: ${s.text}`);
	}
	return lines.join('\n');
}

function oneLine(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
