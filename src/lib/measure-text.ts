/**
 * Words for the measures' pages: a definition's text in the page's language, a score in words
 * ("3,4 van 5"), and a moment's name (start, halfway, end, or "after N months").
 */
import type { Text } from '$lib/domain/measures/questionnaire';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';

/** A definition's text in the language of the page. */
export function inLanguage(text: Text): string {
	return getLocale() === 'en' ? text.en : text.nl;
}

/** A mean item score as the page writes it: one decimal, with the language's decimal sign. */
export function scoreText(score: number | null): string {
	if (score === null) return m.measure_not_scored();
	const value = new Intl.NumberFormat(getLocale(), {
		maximumFractionDigits: 1,
		minimumFractionDigits: 1
	}).format(score);
	return m.measure_score_of_five({ score: value });
}

/** What a moment is called: at the start, halfway (6), at the end (12), or after N months. */
export function momentName(moment: number): string {
	if (moment === 0) return m.measure_moment_start();
	if (moment === 6) return m.measure_moment_halfway();
	if (moment === 12) return m.measure_moment_end();
	return m.measure_moment_months({ months: String(moment) });
}
