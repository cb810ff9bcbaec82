import { requireArea } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireArea(locals, url, 'account');
	return {};
};
