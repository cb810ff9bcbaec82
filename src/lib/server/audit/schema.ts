import { z } from 'zod';
import { calendarDay } from '../forms';

// Form fields left empty mean "no filter".
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const day = calendarDay;

// English keys; the pages' (Dutch) URL parameters map to them at the route (`namedFields`).
const period = {
	from: optional(day),
	to: optional(day)
};

/** Query of the participant's "who viewed my data" page. */
export const participantLogQuery = z
	.object({
		...period,
		page: optional(z.coerce.number().int('page_invalid').min(1, 'page_invalid').max(100_000, 'page_invalid'))
	})
	.refine((query) => !query.from || !query.to || query.from <= query.to, {
		message: 'period_reversed',
		path: ['to']
	});

/** Query of the coordinator's log viewer (and its CSV export). */
export const organisationLogQuery = z
	.object({
		...period,
		participantId: optional(z.uuid('invalid')),
		actorPersonId: optional(z.uuid('invalid')),
		action: optional(z.enum(['C', 'R', 'U', 'D', 'E'], 'invalid'))
	})
	.refine((query) => !query.from || !query.to || query.from <= query.to, {
		message: 'period_reversed',
		path: ['to']
	});

/** The log viewer's URL parameters (page and CSV export) for the keys of organisationLogQuery. */
export const organisationLogParams = {
	from: 'van',
	to: 'tot',
	participantId: 'deelnemer',
	actorPersonId: 'medewerker',
	action: 'actie'
} as const;

/**
 * The log viewer's search for a person by name. Control characters (which PostgreSQL refuses, or
 * which only hide what was typed) are dropped; the rest is normalised so "é" finds "é".
 */
export const personSearchQuery = z.object({
	term: optional(
		z
			.string()
			.max(100, 'too_long')
			.transform((text) =>
				text
					.normalize('NFC')
					.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '')
					.trim()
			)
	),
	page: optional(z.coerce.number().int('page_invalid').min(1, 'page_invalid').max(10_000, 'page_invalid'))
});
