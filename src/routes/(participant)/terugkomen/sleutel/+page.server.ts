import { requireArea } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

// Every participant page checks its area in its own load (the area has no layout load).
export const load: PageServerLoad = async ({ locals, url }) => {
	await requireArea(locals, url, 'participant');
	return {};
};
