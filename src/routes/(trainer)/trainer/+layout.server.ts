import { requireArea } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	await requireArea(locals, url, 'trainer');
	return {};
};
