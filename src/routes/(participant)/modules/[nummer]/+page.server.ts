import { error } from '@sveltejs/kit';
import { participantModule } from '$lib/server/curriculum/course';
import { getLocale } from '$lib/paraglide/runtime';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import type { PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ url, params }, actor) => {
		const number = moduleNumberParam(params.nummer);
		const module = number === null ? null : await participantModule(actor, number, getLocale());
		// Not open for their group, or not there at all: the same answer.
		if (!module) error(404, 'Not Found');
		return { module, finished: url.searchParams.has('klaar') };
	});
