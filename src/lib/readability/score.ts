/**
 * Readability scores. Dutch: Flesch–Douma (Douma 1960), 206.84 − 0.77 × syllables per 100 words −
 * 0.93 × words per sentence. English: Flesch reading ease, 206.835 − 1.015 × words per sentence −
 * 84.6 × syllables per word. On both scales 60–70 is "fairly easy", 70–80 "easy".
 */
import { syllables, type Language } from './syllables';
import { splitSentences, words } from './text';

/** Counts of a text (or of many texts together). */
export interface Counts {
	sentences: number;
	words: number;
	syllables: number;
}

export const EMPTY: Counts = { sentences: 0, words: 0, syllables: 0 };

export function add(a: Counts, b: Counts): Counts {
	return {
		sentences: a.sentences + b.sentences,
		words: a.words + b.words,
		syllables: a.syllables + b.syllables
	};
}

/** Flesch–Douma for Dutch, Flesch reading ease for English; null for no words. */
export function readingEase(counts: Counts, language: Language): number | null {
	if (counts.words === 0 || counts.sentences === 0) return null;
	const wordsPerSentence = counts.words / counts.sentences;
	const syllablesPerWord = counts.syllables / counts.words;
	return language === 'nl'
		? 206.84 - 0.77 * 100 * syllablesPerWord - 0.93 * wordsPerSentence
		: 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
}

/** One sentence with its counts. */
export interface Sentence extends Counts {
	text: string;
	ease: number;
}

/** The sentences of a text (Markdown, HTML and placeholders taken out), each with its counts and score. */
export function sentencesOf(text: string, language: Language): Sentence[] {
	return splitSentences(text).map((sentence) => {
		const list = words(sentence);
		const counts = {
			sentences: 1,
			words: list.length,
			syllables: list.reduce((sum, word) => sum + syllables(word, language), 0)
		};
		return { text: sentence, ...counts, ease: readingEase(counts, language) ?? 0 };
	});
}

/** The counts of a text. */
export function countsOf(text: string, language: Language): Counts {
	return sentencesOf(text, language).reduce<Counts>(add, EMPTY);
}
