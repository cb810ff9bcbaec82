import { requireArea } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	return {};
};
