import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { answerInput, moderateInput, promptInput, stepInput } from './schema';
import { lastEventId } from './stream';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('live mode forms', () => {
	it('reads a prepared prompt, an own poll, and refuses what does not fit', () => {
		expect(parseForm(promptInput, form({ bron: 'prepared', vraag: '1/2', anoniem: 'on' }))).toMatchObject({
			ok: true,
			data: { source: 'prepared', key: '1/2', anonymous: true, approveFirst: false }
		});
		expect(
			parseForm(
				promptInput,
				form({ bron: 'own', soort: 'choice', tekst: 'Wat kies je?', keuzes: 'Ja\nNee\nJa' })
			)
		).toMatchObject({ ok: true, data: { choices: ['Ja', 'Nee'], anonymous: false } });
		expect(
			parseForm(promptInput, form({ bron: 'own', soort: 'choice', tekst: 'Wat?', keuzes: 'Ja' }))
		).toMatchObject({
			ok: false,
			errors: { keuzes: 'choices_count' }
		});
		expect(parseForm(promptInput, form({ bron: 'own', soort: 'open', tekst: '' }))).toMatchObject({
			ok: false,
			errors: { tekst: 'question_required' }
		});
		expect(parseForm(stepInput, form({ stap: 'open', vraag: 'x' }))).toMatchObject({ ok: false });
		expect(parseForm(answerInput, form({ vraag: crypto.randomUUID(), keuze: '3' }))).toMatchObject({
			ok: true,
			data: { answer: { choice: 3 } }
		});
	});

	it('never throws on any form, and keeps what was typed when it refuses', () => {
		const fields = fc.dictionary(
			fc.constantFrom(
				'bron',
				'vraag',
				'soort',
				'tekst',
				'keuzes',
				'anoniem',
				'stap',
				'antwoord',
				'keuze',
				'besluit',
				'richting'
			),
			fc.string({ unit: 'binary', maxLength: 400 })
		);
		fc.assert(
			fc.property(fields, (sent) => {
				for (const schema of [promptInput, stepInput, moderateInput, answerInput]) {
					const parsed = parseForm(schema, form(sent));
					if (!parsed.ok) expect(parsed.values).toEqual(sent);
				}
			})
		);
	});

	it('reads Last-Event-ID only as a plain number', () => {
		const with_ = (value: string) => new Request('http://x', { headers: { 'last-event-id': value } });
		expect(lastEventId(with_('42'))).toBe(42);
		for (const bad of ['', '-1', '1e9', '9'.repeat(20), 'abc']) expect(lastEventId(with_(bad))).toBe(-1);
		expect(lastEventId(new Request('http://x'))).toBe(-1);
	});
});
