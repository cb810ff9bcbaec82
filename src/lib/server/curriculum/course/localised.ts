/** The reader's language, and a curriculum text in it. */
import type { LocalisedText } from '../../db/schema';

export type Locale = 'nl' | 'en';

/** A text in the reader's language; Dutch while a translation is missing. */
export function localised(text: LocalisedText, locale: Locale): string {
	return text[locale]?.trim() ? text[locale] : text.nl;
}
