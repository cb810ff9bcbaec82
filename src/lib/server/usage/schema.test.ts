import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WHY_NOT_ALL_ANSWERS, WHY_NOT_COMPONENTS } from '$lib/domain/usage';
import { parseForm } from '../forms';
import { pageOf, usageForms } from './schema';

const form = (fields: [string, string][]) => {
	const data = new FormData();
	for (const [key, value] of fields) data.append(key, value);
	return data;
};

describe('the "why not?" form', () => {
	it('takes a chosen answer, and "Niet nu" over it', () => {
		expect(
			parseForm(
				usageForms.whyNot,
				form([
					['onderdeel', 'modules'],
					['antwoord', 'too_hard']
				])
			)
		).toEqual({
			ok: true,
			data: { component: 'modules', answer: 'too_hard' }
		});
		expect(
			parseForm(
				usageForms.whyNot,
				form([
					['onderdeel', 'check_in'],
					['antwoord', 'too_hard'],
					['niet-nu', 'ja']
				])
			)
		).toEqual({ ok: true, data: { component: 'check_in', answer: 'not_now' } });
		const none = parseForm(usageForms.whyNot, form([['onderdeel', 'modules']]));
		expect(none).toMatchObject({ ok: false, errors: { antwoord: 'why_not_choose' } });
	});

	it('never throws, and only ever gives a known component and answer', () => {
		const field = fc.constantFrom('onderdeel', 'antwoord', 'niet-nu', 'x', '__proto__');
		const value = fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.constantFrom(...WHY_NOT_COMPONENTS, ...WHY_NOT_ALL_ANSWERS, '\u0000', 'ja')
		);
		fc.assert(
			fc.property(fc.array(fc.tuple(field, value), { maxLength: 6 }), (fields) => {
				const parsed = parseForm(usageForms.whyNot, form(fields));
				if (!parsed.ok) return true;
				return (
					(WHY_NOT_COMPONENTS as readonly string[]).includes(parsed.data.component) &&
					(WHY_NOT_ALL_ANSWERS as readonly string[]).includes(parsed.data.answer)
				);
			})
		);
	});

	it("reads the video player's report and the groups' page number", () => {
		expect(parseForm(usageForms.report, form([['soort', 'video_ended']]))).toEqual({
			ok: true,
			data: { kind: 'video_ended' }
		});
		expect(parseForm(usageForms.report, form([['soort', 'workbook_pdf']])).ok).toBe(false);
		fc.assert(
			fc.property(fc.string({ maxLength: 12 }), (text) => {
				const url = new URL('http://x/beheer/gebruik');
				url.searchParams.set('pagina', text);
				const page = pageOf(url);
				return Number.isInteger(page) && page >= 0 && page <= 99_999;
			})
		);
	});
});
