import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { organisationLogQuery, participantLogQuery } from './schema';

const query = (text: string) => new URLSearchParams(text);

describe('access-log queries', () => {
	it('reads a period and a page, treating empty fields as no filter', () => {
		expect(parseForm(participantLogQuery, query('from=2026-11-01&to=&page=2'))).toEqual({
			ok: true,
			data: { from: '2026-11-01', to: undefined, page: 2 }
		});
	});

	it('names a wrong date, a reversed period and a bad page', () => {
		expect(parseForm(participantLogQuery, query('from=31-12-2026'))).toMatchObject({
			ok: false,
			errors: { from: 'date_invalid' }
		});
		expect(parseForm(participantLogQuery, query('from=2026-12-01&to=2026-11-01'))).toMatchObject({
			ok: false,
			errors: { to: 'period_reversed' }
		});
		expect(parseForm(participantLogQuery, query('page=-1'))).toMatchObject({
			ok: false,
			errors: { page: 'page_invalid' }
		});
	});

	it('accepts only known actions and well-formed ids for the coordinator', () => {
		expect(
			parseForm(organisationLogQuery, query('action=R&participantId=7f78d5c3-f28c-4cd6-8f81-0579865cf41e')).ok
		).toBe(true);
		expect(parseForm(organisationLogQuery, query('action=X'))).toMatchObject({
			ok: false,
			errors: { action: 'invalid' }
		});
		expect(parseForm(organisationLogQuery, query("participantId=1' or 1=1"))).toMatchObject({
			ok: false,
			errors: { participantId: 'invalid' }
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
