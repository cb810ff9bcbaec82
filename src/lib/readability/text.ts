/**
 * Plain text out of the texts participants read, for the readability measure (readability.ts):
 * Markdown, HTML, Paraglide placeholders ({name}) and web addresses are taken out, then the text is
 * cut into sentences and words. Pure and total: any string gives a (possibly empty) result.
 */

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	hellip: '…',
	ndash: '–',
	mdash: '—'
};

/** The text without Markdown, HTML, placeholders or addresses; paragraphs and list items stay on their own lines. */
export function stripMarkup(source: string): string {
	return (
		source
			.replace(/\r\n?/g, '\n')
			// Paraglide placeholders and inlang's escaped braces.
			.replace(/\{[^{}\n]*\}/g, '')
			// HTML comments, then tags; entities become their characters.
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
			.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
				if (name.startsWith('#x') || name.startsWith('#X')) return safeChar(parseInt(name.slice(2), 16));
				if (name.startsWith('#')) return safeChar(parseInt(name.slice(1), 10));
				return ENTITIES[name.toLowerCase()] ?? whole;
			})
			// Images keep their alt text, links their label.
			.replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
			.replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
			// Bare addresses are not read as words.
			.replace(/\b(?:https?:\/\/|mailto:|www\.)[^\s)]*/gi, '')
			// Line starts: headings, quotes, bullets and numbered items.
			.replace(/^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+][ \t]+|\d+[.)][ \t]+)/gm, '')
			// Emphasis and code marks.
			.replace(/[*`~]+/g, '')
			.replace(/(^|[\s(])_+|_+(?=[\s).,!?;:]|$)/g, '$1')
	);
}

function safeChar(code: number): string {
	return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
}

/** Abbreviations whose full stop does not end a sentence (lower case, without the stop). */
const ABBREVIATIONS = new Set([
	'bijv',
	'bv',
	'bijvoorbeeld',
	'o.a',
	'e.d',
	'enz',
	'etc',
	'd.w.z',
	'i.p.v',
	'z.s.m',
	'm.b.t',
	't.o.v',
	'ca',
	'dr',
	'mr',
	'mrs',
	'ms',
	'nr',
	'e.g',
	'i.e',
	'vs',
	'st'
]);

/**
 * The sentences of a text (after stripMarkup): a line break between paragraphs or list items ends a
 * sentence, and so does . ! ? or … followed by a space and a capital, digit or quote (or the end).
 */
export function splitSentences(text: string): string[] {
	const sentences: string[] = [];
	for (const block of stripMarkup(text).split(/\n/)) {
		let start = 0;
		const ends = /[.!?…]+["'’”)]*(?=\s+["'‘“(]?[\p{Lu}\p{N}]|\s*$)/gu;
		for (let match = ends.exec(block); match; match = ends.exec(block)) {
			const before = block.slice(start, match.index);
			const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
			if (match[0] === '.' && ABBREVIATIONS.has(lastWord)) continue;
			pushSentence(sentences, block.slice(start, match.index + match[0].length));
			start = match.index + match[0].length;
		}
		pushSentence(sentences, block.slice(start));
	}
	return sentences;
}

function pushSentence(sentences: string[], text: string) {
	const trimmed = text.replace(/\s+/g, ' ').trim();
	if (words(trimmed).length > 0) sentences.push(trimmed);
}

/** The words of a text: runs of letters and digits, joined by an inner apostrophe or hyphen ("e-mail", "zo'n"). */
export function words(text: string): string[] {
	return text.match(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu) ?? [];
}
