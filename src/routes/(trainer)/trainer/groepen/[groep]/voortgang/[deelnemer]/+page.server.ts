import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { participantAnswers } from '$lib/server/curriculum/tailoring';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const answers = await participantAnswers(actor, params.groep, params.deelnemer, getLocale());
	if (!answers) error(404, 'Not Found');
	return answers;
};
