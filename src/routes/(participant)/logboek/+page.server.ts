import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { participantLogDays } from '$lib/server/audit/participant-lines';
import { accessLogOfParticipant } from '$lib/server/audit/queries';
import { participantLogQuery } from '$lib/server/audit/schema';
import { namedFields } from '$lib/server/form-fields';
import { parseForm, type FormErrors } from '$lib/server/forms';
import { answered } from '$lib/server/route';
import type { PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

// Short pages keep each screen under about 100 words (PRODUCT.md): a line takes up to about 19 words
// (time, who, what, how often), the heading, intro, period form and pager about 26, each day's heading 4.
const PAGE_SIZE = 4;

const logQuery = namedFields(participantLogQuery, { from: 'van', to: 'tot', page: 'pagina' });

export const load: PageServerLoad = answered((event) =>
	participantPage(event, async ({ locals, url }, actor) => {
		const parsed = parseForm(logQuery, url.searchParams);
		if (!parsed.ok) {
			// Show the form again with the problem named; the list waits for a valid period.
			return {
				values: parsed.values,
				errors: parsed.errors,
				days: [] as ReturnType<typeof participantLogDays>,
				page: 1,
				hasMore: false,
				invalid: true
			};
		}
		const { from, to, page = 1 } = parsed.data;
		const { rows, hasMore } = await accessLogOfParticipant(locals.db, actor, {
			from,
			to,
			page: page - 1,
			pageSize: PAGE_SIZE
		});
		if (page > 1 && rows.length === 0) error(404, 'Not Found');
		return {
			values: { van: from ?? '', tot: to ?? '' } as Record<string, string>,
			errors: {} as FormErrors,
			days: participantLogDays(rows, getLocale()),
			page,
			hasMore,
			invalid: false
		};
	})
);
