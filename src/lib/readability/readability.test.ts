import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTexts, classifyMessageKeys } from './corpus';
import { formatReport, measure, LIMITS } from './report';
import { countsOf, readingEase, sentencesOf } from './score';
import { syllables } from './syllables';
import { splitSentences, stripMarkup, words } from './text';

/** The same generated cases on every run (the test is deterministic), plenty of them. */
const runs = { seed: 21, numRuns: 300 };

describe('stripMarkup', () => {
	it('takes out Markdown, HTML, placeholders and addresses', () => {
		expect(stripMarkup('Hallo {name}, lees **dit** en _dat_.')).toBe('Hallo , lees dit en dat.');
		expect(stripMarkup('Bel [113 Zelfmoordpreventie](https://www.113.nl) of kijk op https://x.nl/a.')).toBe(
			'Bel 113 Zelfmoordpreventie of kijk op '
		);
		expect(stripMarkup('<p>Een &amp; twee</p>')).toBe(' Een & twee ');
		expect(stripMarkup('- een\n* twee\n1. drie\n> vier\n## vijf')).toBe('een\ntwee\ndrie\nvier\nvijf');
		expect(stripMarkup('SMTP_URL en imr_participant blijven')).toBe('SMTP_URL en imr_participant blijven');
	});
});

describe('stripMarkup on any text', () => {
	it('never throws and leaves no placeholder or tag', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
				const plain = stripMarkup(`<b>${text}</b> {name}`);
				expect(plain).not.toMatch(/\{name\}|<\/?b>/);
			}),
			runs
		);
	});
});

describe('splitSentences', () => {
	const cases: [string, string, string[]][] = [
		[
			'splits at full stops, question and exclamation marks before a capital',
			'Ik ben Sam. Hoe gaat het? Goed! 3 keer.',
			['Ik ben Sam.', 'Hoe gaat het?', 'Goed!', '3 keer.']
		],
		[
			'keeps abbreviations in their sentence',
			'Neem bijv. een wandeling. Dat is o.a. gezond.',
			['Neem bijv. een wandeling.', 'Dat is o.a. gezond.']
		],
		[
			'keeps decimals and lower-case continuations in one sentence',
			'Het kost 2.5 uur, ca. een middag.',
			['Het kost 2.5 uur, ca. een middag.']
		],
		[
			'ends a sentence at every list item and paragraph',
			'Wat helpt:\n\n- wandelen\n- bellen met een vriend\n\nKies er één.',
			['Wat helpt:', 'wandelen', 'bellen met een vriend', 'Kies er één.']
		]
	];
	it.each(cases)('%s', (_, text, sentences) => {
		expect(splitSentences(text)).toEqual(sentences);
	});
	it('gives nothing for text without words', () => {
		expect(splitSentences('')).toEqual([]);
		expect(splitSentences('{count} — … !!')).toEqual([]);
	});
	it('never throws, and every sentence has words and no line break', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
				for (const sentence of splitSentences(text)) {
					expect(words(sentence).length).toBeGreaterThan(0);
					expect(sentence).not.toMatch(/\n/);
					expect(sentence).toBe(sentence.trim());
				}
			}),
			runs
		);
	});
	it('loses no word of plain text and adds none', () => {
		const word = fc.stringMatching(/^[a-zA-Zëï]{1,12}$/);
		const end = fc.constantFrom('', '.', '?', '!', ',');
		const sentence = fc.tuple(fc.array(word, { minLength: 1, maxLength: 20 }), end);
		fc.assert(
			fc.property(fc.array(sentence, { maxLength: 8 }), (parts) => {
				const text = parts.map(([list, mark]) => list.join(' ') + mark).join(' ');
				const found = splitSentences(text).flatMap((s) => words(s));
				expect(found).toEqual(words(text));
			}),
			runs
		);
	});
});

describe('syllables', () => {
	// Dutch from the hyphenation patterns, corrected at the word edges; English with silent letters.
	const known: Record<'nl' | 'en', string> = {
		nl: 'je 1, herstel 2, over 2, ademen 3, eenvoudig 3, uitnodiging 4, ideeën 3, signaleringsplan 5, ervaringsdeskundige 7, e-mail 2, 2026 1',
		en: 'the 1, make 1, people 2, sometimes 2, recovery 4, medication 4, beautiful 3'
	};
	it.each(['nl', 'en'] as const)('counts known %s words right', (language) => {
		for (const pair of known[language].split(', ')) {
			const [word, count] = pair.split(' ');
			expect(syllables(word!, language), word).toBe(Number(count));
		}
	});
	it('is at least 1 and at most the letters of any word', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
				fc.constantFrom('nl', 'en'),
				(text, language) => {
					for (const word of words(text)) {
						const count = syllables(word, language as 'nl' | 'en');
						expect(count).toBeGreaterThanOrEqual(1);
						expect(count).toBeLessThanOrEqual(Math.max(1, word.length));
					}
				}
			),
			runs
		);
	});
});

describe('readingEase', () => {
	it('computes Flesch–Douma and Flesch reading ease from the counts', () => {
		const counts = { sentences: 2, words: 20, syllables: 30 };
		expect(readingEase(counts, 'nl')).toBeCloseTo(206.84 - 0.77 * 150 - 0.93 * 10, 6);
		expect(readingEase(counts, 'en')).toBeCloseTo(206.835 - 1.015 * 10 - 84.6 * 1.5, 6);
		expect(readingEase({ sentences: 0, words: 0, syllables: 0 }, 'nl')).toBeNull();
	});
	it('scores a plain Dutch text as easy and an officialese one as hard', () => {
		const plain = 'Ik ben Sam. Ik zat veel thuis. Nu werk ik op dinsdag bij een fietsenmaker.';
		const hard =
			'Overeenkomstig de toepasselijke privacywetgeving verstrekken wij uitsluitend geanonimiseerde informatie aan onderzoeksinstellingen.';
		expect(readingEase(countsOf(plain, 'nl'), 'nl')!).toBeGreaterThan(80);
		expect(readingEase(countsOf(hard, 'nl'), 'nl')!).toBeLessThan(0);
	});
	it('gives non-negative counts for any text', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme', maxLength: 200 }),
				fc.constantFrom('nl', 'en'),
				(text, language) => {
					const counts = countsOf(text, language as 'nl' | 'en');
					expect(counts.sentences).toBeGreaterThanOrEqual(0);
					expect(counts.words).toBeGreaterThanOrEqual(counts.sentences);
					expect(counts.syllables).toBeGreaterThanOrEqual(counts.words);
					for (const sentence of sentencesOf(text, language as 'nl' | 'en'))
						expect(Number.isFinite(sentence.ease)).toBe(true);
				}
			),
			runs
		);
	});
});

const root = path.resolve(import.meta.dirname, '../../..');

describe('which messages a participant reads', () => {
	it('tells mail, participant pages and staff pages apart by where a key is used', () => {
		const kinds = classifyMessageKeys(root, ['mail_invite_text', 'home_title', 'admin_title', 'no_such_key']);
		expect(kinds.get('mail_invite_text')).toBe('mail');
		expect(kinds.get('no_such_key')).toBe('ui');
		expect(kinds.get('admin_title')).toBe('staff');
		const nl = JSON.parse(fs.readFileSync(path.join(root, 'messages/nl.json'), 'utf8')) as Record<
			string,
			string
		>;
		const all = classifyMessageKeys(root, Object.keys(nl));
		expect([...all.values()].filter((kind) => kind === 'ui').length).toBeGreaterThan(500);
		expect(all.get('skip_to_content')).toBe('ui');
	});
});

describe('the report', () => {
	it('names the file or key and the sentence that misses a limit', () => {
		const long =
			'Overeenkomstig de toepasselijke privacywetgeving verstrekken wij uitsluitend geanonimiseerde informatie aan onderzoeksinstellingen in binnenland en buitenland en elders.';
		const results = measure([
			{ kind: 'mail', language: 'nl', source: 'messages/nl.json mail_hard', text: long },
			{ kind: 'mail', language: 'nl', source: 'messages/nl.json mail_easy', text: 'Je hebt een bericht.' }
		]);
		const mail = results.find((r) => r.kind === 'mail' && r.language === 'nl')!;
		expect(mail.failures).toHaveLength(4);
		expect(mail.tooLong.map((s) => s.source)).toEqual(['messages/nl.json mail_hard']);
		expect(mail.worst[0]!.source).toBe('messages/nl.json mail_hard');
		const report = formatReport(results);
		expect(report).toContain(`too long (17 words) messages/nl.json mail_hard: ${long}`);
		expect(report).toMatch(/hard text \(score -\d+, 17 words\) messages\/nl\.json mail_hard/);
		expect(results.find((r) => r.kind === 'ui' && r.language === 'en')!.failures).toEqual([]);
	});
});

describe('plain language (README, "Plain language")', () => {
	it('every participant text meets the B1 limits of its kind, in Dutch and English', () => {
		const results = measure(allTexts(root));
		const failing = results.filter((result) => result.failures.length > 0);
		if (failing.length > 0) {
			const file = path.join(root, 'test-results', 'readability.txt');
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, formatReport(results) + '\n');
			expect.fail(
				`${failing.map((r) => `${r.kind} (${r.language}): ${r.failures.join('; ')}`).join('\n')}\n` +
					`The sentences to rewrite: test-results/readability.txt (or npm run readability).`
			);
		}
		for (const result of results) if (LIMITS[result.kind]) expect(result.counts.words).toBeGreaterThan(300);
	});
});
