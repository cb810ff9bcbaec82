/**
 * The shared zod types for what people (and attackers) send: text fields and ids. Every form action
 * and every id from a URL goes through these, so hostile bytes end as a 4xx with a translated
 * message (a form-error key) and never reach PostgreSQL, which would answer a NUL byte with a 500.
 *
 * The rules, per kind of field:
 * - all text is normalised to Unicode NFC, so the same word is stored and compared one way;
 * - control characters (U+0000–U+001F, U+007F–U+009F) are refused with `invalid_characters`,
 *   except tab and newline in free text; CR and CRLF (what browsers send for a textarea) become LF;
 * - lone surrogates (half a character) are refused: they cannot be stored as UTF-8;
 * - single-line fields (names, titles, email addresses, URLs, codes) also refuse tab, newline and the
 *   bidirectional embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069), which
 *   could make a name shown to others read as something else;
 * - free text (messages, answers, notes) keeps those bidi characters: people writing Arabic or Hebrew
 *   may need them, and their effect ends with the paragraph the text is shown in;
 * - every field has a maximum length, counted in UTF-16 units after normalising (as the browser's
 *   `maxlength` counts).
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';

/** The form-error key for text with characters that cannot be accepted. */
export const INVALID_CHARACTERS = 'invalid_characters';

// Tab, LF and CR are the only C0 characters a textarea sends; CR is turned into LF below.
/* eslint-disable no-control-regex -- finding control characters is the point */
const freeTextControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const lineControl = /[\u0000-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether text has a lone surrogate or a NUL byte: nothing in the database can hold either. */
export function unstorable(value: string): boolean {
	return value.includes('\u0000') || loneSurrogate.test(value);
}

/**
 * The text without NUL bytes, and with U+FFFD for a lone surrogate, for keeping what someone typed (a kept form)
 * where refusing would lose it: the form refuses those characters again when it is sent.
 */
export function storableText(value: string): string {
	return value.replaceAll('\u0000', '').replace(new RegExp(loneSurrogate.source, 'g'), '\uFFFD');
}

/** Whether a single-line (`line`) or multi-line (`text`) value has characters the field refuses. */
export function hasRefusedCharacters(value: string, kind: 'line' | 'text'): boolean {
	if (loneSurrogate.test(value)) return true;
	if (kind === 'text') return freeTextControl.test(value);
	return lineControl.test(value) || bidiControl.test(value);
}

/** NFC, line ends as LF, without surrounding white space. */
export function normaliseText(value: string): string {
	return value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

interface TextOptions {
	/** The form-error key when the field is empty (after trimming); optional fields become ''. */
	required?: string;
	/** The form-error key when the text is longer than allowed ('too_long'). */
	tooLong?: string;
}

function textOf(kind: 'line' | 'text', max: number, options: TextOptions) {
	const checked = z
		.string({ error: options.required ?? 'invalid' })
		.refine((value) => !hasRefusedCharacters(value, kind), INVALID_CHARACTERS)
		.transform(normaliseText);
	const tooLong = options.tooLong ?? 'too_long';
	const limited = options.required
		? z.string().min(1, options.required).max(max, tooLong)
		: z.string().max(max, tooLong);
	// A missing optional field is empty text, as an empty input would be.
	return options.required
		? checked.pipe(limited)
		: z
				.string()
				.optional()
				.transform((value) => value ?? '')
				.pipe(checked)
				.pipe(limited);
}

/** Free text (a message, an answer, a note): several lines, tabs allowed; see the rules above. */
export function freeText(max: number, options: TextOptions = {}) {
	return textOf('text', max, options);
}

/** One line of text (a name, a title, an email address, a code): see the rules above. */
export function lineText(max: number, options: TextOptions = {}) {
	return textOf('line', max, options);
}

/** Whether a value is a UUID as PostgreSQL's uuid type reads it (hex digits in 8-4-4-4-12). */
export function isUuidText(value: string): boolean {
	return uuidPattern.test(value);
}

/** An id in a form field: a UUID (in any case), stored lower-case; anything else is `message`. */
export function uuid(message = 'invalid') {
	return z
		.string({ error: message })
		.regex(uuidPattern, message)
		.transform((value) => value.toLowerCase());
}

/** The id-like route parameters of this app: each must be a UUID, anything else is "not found". */
export const UUID_PARAMS = [
	'groep',
	'deelnemer',
	'sessie',
	'doel',
	'persoon',
	'id',
	'beoordeling',
	'verzoek',
	'export',
	'studie'
] as const;

/**
 * Checks the route's id parameters (see UUID_PARAMS) after the area check: an id that is no UUID
 * is answered 404 like an unknown one, before any query. Call it first in every load and action of
 * a route with such a parameter.
 */
export function requireUuidParams(params: Partial<Record<string, string>>): void {
	for (const name of UUID_PARAMS) {
		const value = params[name];
		if (value !== undefined && !uuidPattern.test(value)) error(404, 'Not Found');
	}
}
