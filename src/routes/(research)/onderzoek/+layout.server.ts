import { requireArea } from '$lib/server/auth/guard';
import { shellData } from '$lib/server/pages/shell';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	await requireArea(event.locals, event.url, 'research');
	return shellData(event);
};
