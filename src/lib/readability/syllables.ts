/**
 * Syllables of Dutch and English words. Dutch: the hyphenation points of the hyphen package's TeX
 * patterns (hyphen/nl). Those patterns never break off one letter at a word's start or end, so
 * "over" and "ademen" would count one syllable short; a count of vowel groups (a syllable's core:
 * "ui", "ee", "oe" are one group, "ë" and "ï" start a new one; Dutch has no silent e) corrects that,
 * and a word counts the larger of the two. English: the syllable package (rules plus a list of
 * exceptions), as English spelling has silent letters that vowel groups would count.
 */
import nl from 'hyphen/nl';
import { syllable as englishSyllables } from 'syllable';

export type Language = 'nl' | 'en';

const MARK = '\u00ad';
const cache: Record<Language, Map<string, number>> = { nl: new Map(), en: new Map() };

/** The syllables of one word (at least 1); parts joined by - or ' count separately ("e-mail": 2). */
export function syllables(word: string, language: Language): number {
	const lower = word.toLowerCase();
	const known = cache[language].get(lower);
	if (known !== undefined) return known;
	let count = 0;
	for (const part of lower.split(/['’-]/)) {
		if (!/\p{L}/u.test(part)) {
			if (part.length > 0) count += 1;
			continue;
		}
		if (language === 'en') {
			count += Math.max(1, englishSyllables(part));
			continue;
		}
		const hyphenated = nl.hyphenateSync(part, { hyphenChar: MARK, minWordLength: 1 });
		count += Math.max(hyphenated.split(MARK).length, vowelGroups(part));
	}
	const result = Math.max(1, count);
	cache[language].set(lower, result);
	return result;
}

/** Vowel groups of a lower-case Dutch word ("ui", "ee" one group; "ë", "ï" start a new one). */
export function vowelGroups(word: string): number {
	const groups = word.normalize('NFC').match(/[äëïöü]?[aeiouyáéíóúàèìòùâêîôû]*/gu) ?? [];
	return groups.filter((group) => group.length > 0).length;
}
