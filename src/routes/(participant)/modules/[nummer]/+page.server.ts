import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { participantModule } from '$lib/server/curriculum/course';
import { getLocale } from '$lib/paraglide/runtime';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'participant');
	const number = moduleNumberParam(params.nummer);
	const module = number === null ? null : await participantModule(actor, number, getLocale());
	// Not open for their group, or not there at all: the same answer.
	if (!module) error(404, 'Not Found');
	return { module, finished: url.searchParams.has('klaar') };
};
