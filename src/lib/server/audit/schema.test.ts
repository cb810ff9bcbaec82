import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { organisationLogQuery, participantLogQuery } from './schema';

const query = (text: string) => new URLSearchParams(text);

describe('access-log queries', () => {
	it('reads a period and a page, treating empty fields as no filter', () => {
		expect(parseForm(participantLogQuery, query('van=2026-11-01&tot=&pagina=2'))).toEqual({
			ok: true,
			data: { van: '2026-11-01', tot: undefined, pagina: 2 }
		});
	});

	it('names a wrong date, a reversed period and a bad page', () => {
		expect(parseForm(participantLogQuery, query('van=31-12-2026'))).toMatchObject({
			ok: false,
			errors: { van: 'date_invalid' }
		});
		expect(parseForm(participantLogQuery, query('van=2026-12-01&tot=2026-11-01'))).toMatchObject({
			ok: false,
			errors: { tot: 'period_reversed' }
		});
		expect(parseForm(participantLogQuery, query('pagina=-1'))).toMatchObject({
			ok: false,
			errors: { pagina: 'page_invalid' }
		});
	});

	it('accepts only known actions and well-formed ids for the coordinator', () => {
		expect(
			parseForm(organisationLogQuery, query('actie=R&deelnemer=7f78d5c3-f28c-4cd6-8f81-0579865cf41e')).ok
		).toBe(true);
		expect(parseForm(organisationLogQuery, query('actie=X'))).toMatchObject({
			ok: false,
			errors: { actie: 'invalid' }
		});
		expect(parseForm(organisationLogQuery, query("deelnemer=1' or 1=1"))).toMatchObject({
			ok: false,
			errors: { deelnemer: 'invalid' }
		});
	});

	it('never throws on any query string', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const parsed = parseForm(organisationLogQuery, query(text));
				if (!parsed.ok)
					for (const key of Object.values(parsed.errors))
						expect(['date_invalid', 'period_reversed', 'invalid']).toContain(key);
			})
		);
	});
});
