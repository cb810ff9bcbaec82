import { requireArea } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	await requireArea(locals, url, 'account');
	return {};
};
