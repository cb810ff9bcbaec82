import { error } from '@sveltejs/kit';
import { participantModule } from '$lib/server/curriculum/course/queries';
import { getLocale } from '$lib/paraglide/runtime';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import type { PageServerLoad, PageServerLoadEvent } from './$types';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ url, params, locals }, actor) => {
		const number = moduleNumberParam(params.nummer);
		if (number === null) error(404, 'Not Found');
		// Not open for their group, or not there at all: the same answer (NotFound).
		const module = await participantModule(locals.db, actor, number, getLocale());
		return { module, finished: url.searchParams.has('klaar') };
	})
) satisfies PageServerLoad;
