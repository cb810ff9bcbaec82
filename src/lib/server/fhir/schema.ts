/**
 * The inputs of the FHIR export: the Bulk Data kick-off's query (`_since`, `_type`, `_outputFormat`)
 * and the coordinator's form (an optional "since" date).
 */
import { z } from 'zod';
import { localToInstant } from '$lib/domain/schedule';
import { calendarDay } from '../forms';
import { isBulkType, type BulkType } from './bulk';

/** The NDJSON formats the Bulk Data specification lets a client ask for; all mean the same here. */
export const OUTPUT_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'] as const;

/** `$export?_since=<instant>&_type=Patient,Goal&_outputFormat=ndjson`; keys as the specification names them. */
export const bulkExportQuery = z.object({
	_since: z.iso
		.datetime({ offset: true, error: 'invalid' })
		.transform((value) => new Date(value))
		.optional(),
	_type: z
		.string()
		.max(500, 'too_long')
		.transform((value, context): BulkType[] => {
			const types = value.split(',').map((one) => one.trim());
			if (types.every(isBulkType)) return [...new Set(types)];
			context.addIssue({ code: 'custom', message: 'invalid' });
			return z.NEVER;
		})
		.optional(),
	_outputFormat: z.enum(OUTPUT_FORMATS, { error: 'invalid' }).optional()
});

/** The coordinator's start form: "only what changed since" a local date (empty: everything). */
export const startExportInput = z.object({
	since: z
		.union([
			z.literal('').transform(() => null),
			calendarDay.transform((date) => localToInstant(date, '00:00'))
		])
		.optional()
		.transform((value) => value ?? null)
});
